const request = require('supertest')
const { Pool } = require('pg')
const { makeApp } = require('../src/app')

test('health answers ok', async () => {
  const response = await request(makeApp()).get('/health')
  expect(response.status).toBe(200)
  expect(response.body).toEqual({ ok: true })
})

test('greet validates its input', async () => {
  const app = makeApp()
  const good = await request(app).post('/greet').send({ name: 'lode' })
  expect(good.body.greeting).toBe('hello, lode')
  const bad = await request(app).post('/greet').send({})
  expect(bad.status).toBe(400)
})

test('the database client loads without connecting', () => {
  const pool = new Pool({ max: 1 })
  expect(typeof pool.query).toBe('function')
  return pool.end()
})
