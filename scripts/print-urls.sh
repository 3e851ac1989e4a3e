#!/usr/bin/env bash
# What to open once `make run` is up.
cat <<TXT

  Paygate is starting (Ctrl-C stops every process):

    API              http://localhost:${GATEWAY_PORT:-8000}        (Swagger UI: http://localhost:${GATEWAY_PORT:-8000}/docs)
    Dashboard        http://localhost:3000
    Checkout / SDK   http://localhost:3001         (demo: http://localhost:3001/demo)
    RabbitMQ UI      http://localhost:15672        (guest / guest)

  Test merchant: key_test_abc123 / secret_test_xyz789

TXT
