"""gunicorn hooks: close connections whose body is refused unread, and let Prometheus forget exited workers."""

from prometheus_client import multiprocess

from gateway.config import Settings

MAX_BODY_BYTES = Settings.from_env().max_body_bytes


def pre_request(worker, req) -> None:
    """A body over the limit is answered 413 without being read, so the connection cannot serve another request.

    gunicorn drains only a little of an unread body and otherwise closes the connection,
    after a response that promised keep-alive; the client's next request on it then fails.
    Marking the request makes the 413 say `Connection: close`, which is what happens.
    """
    length = next((value for name, value in req.headers if name == "CONTENT-LENGTH"), None)
    if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
        req.force_close()


def child_exit(server, worker) -> None:
    multiprocess.mark_process_dead(worker.pid)
