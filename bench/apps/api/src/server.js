require('dotenv').config()
const pino = require('pino')
const { makeApp } = require('./app')

const log = pino()
const port = Number(process.env.PORT || 3000)
makeApp().listen(port, () => log.info({ port }, 'listening'))
