import { useState } from 'react'

interface CounterProps {
  start: number
}

export function Counter({ start }: CounterProps) {
  const [count, setCount] = useState(start)
  return (
    <button type="button" onClick={() => setCount((value) => value * 2)}>
      doubled: {count}
    </button>
  )
}
