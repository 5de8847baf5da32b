import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Counter } from './Counter'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <h1>lode bench</h1>
    <Counter start={1} />
  </StrictMode>,
)
