"""The one place the gateway's concrete adapters are built and wired."""

from __future__ import annotations

from dataclasses import dataclass

import redis
from flask import current_app
from sqlalchemy import Engine

from gateway.adapters.failure_throttle import FailureThrottle
from gateway.adapters.idempotency import IdempotencyStore
from gateway.adapters.merchants_repository import MerchantsRepository
from gateway.adapters.orders_repository import OrdersRepository
from gateway.config import Settings
from paygate_shared.database import make_engine
from paygate_shared.messaging.rpc import RpcClient
from paygate_shared.secretbox import SecretBox

#: failed dashboard sign-ins for one email from one address before it is refused for the rest of the window
SIGN_IN_FAILURES = 10
SIGN_IN_WINDOW_S = 15 * 60


@dataclass
class Gateway:
    settings: Settings
    engine: Engine
    redis: redis.Redis
    merchants: MerchantsRepository
    orders: OrdersRepository
    idempotency: IdempotencyStore
    login_throttle: FailureThrottle
    auth_throttle: FailureThrottle
    rpc: RpcClient

    def close(self) -> None:
        self.rpc.close()
        self.engine.dispose()
        self.redis.close()


def build(settings: Settings) -> Gateway:
    connections = settings.connections
    # every read and write of the gateway is one statement: no BEGIN and COMMIT around each
    engine = make_engine(
        connections.database_url, pool_size=settings.web_threads, application_name="gateway", autocommit=True
    )
    client = redis.Redis.from_url(
        connections.redis_url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30
    )
    return Gateway(
        settings=settings,
        engine=engine,
        redis=client,
        merchants=MerchantsRepository(engine, SecretBox(settings.secret_key)),
        orders=OrdersRepository(engine),
        idempotency=IdempotencyStore(client, connections.redis_prefix),
        login_throttle=FailureThrottle(
            client, connections.redis_prefix, "login-failures", SIGN_IN_FAILURES, SIGN_IN_WINDOW_S
        ),
        auth_throttle=FailureThrottle(
            client,
            connections.redis_prefix,
            "auth-failures",
            settings.auth_failure_limit,
            settings.auth_failure_window_s,
        ),
        rpc=RpcClient(connections.amqp_url, timeout=connections.rpc_timeout),
    )


def gateway() -> Gateway:
    """The wired gateway of the running app."""
    return current_app.extensions["gateway"]
