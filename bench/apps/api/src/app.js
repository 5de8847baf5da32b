const express = require('express')
const { z } = require('zod')

const Greeting = z.object({ name: z.string().min(1) })

function makeApp() {
  const app = express()
  app.use(express.json())
  app.get('/health', (req, res) => res.json({ ok: true }))
  app.post('/greet', (req, res) => {
    const parsed = Greeting.safeParse(req.body)
    if (!parsed.success) return res.status(400).json({ error: 'name is required' })
    return res.json({ greeting: `hello, ${parsed.data.name}` })
  })
  return app
}

module.exports = { makeApp }
