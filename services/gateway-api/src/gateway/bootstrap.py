"""The one place the gateway's concrete adapters are built and wired."""

from __future__ import annotations

from dataclasses import dataclass

import redis
from flask import current_app
from sqlalchemy import Engine

from gateway.adapters.idempotency import IdempotencyStore
from gateway.adapters.login_throttle import LoginThrottle
from gateway.adapters.merchants_repository import MerchantsRepository
from gateway.adapters.orders_repository import OrdersRepository
from gateway.config import Settings
from paygate_shared.database import make_engine
from paygate_shared.messaging.rpc import RpcClient
from paygate_shared.secretbox import SecretBox


@dataclass
class Gateway:
    settings: Settings
    engine: Engine
    redis: redis.Redis
    merchants: MerchantsRepository
    orders: OrdersRepository
    idempotency: IdempotencyStore
    login_throttle: LoginThrottle
    rpc: RpcClient

    def close(self) -> None:
        self.rpc.close()
        self.engine.dispose()
        self.redis.close()


def build(settings: Settings) -> Gateway:
    connections = settings.connections
    engine = make_engine(connections.database_url, pool_size=settings.web_threads, application_name="gateway")
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
        login_throttle=LoginThrottle(client, connections.redis_prefix),
        rpc=RpcClient(connections.amqp_url, timeout=connections.rpc_timeout),
    )


def gateway() -> Gateway:
    """The wired gateway of the running app."""
    return current_app.extensions["gateway"]
