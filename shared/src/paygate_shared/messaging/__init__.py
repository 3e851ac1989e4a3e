"""The messaging layer every service uses: topology, envelope, publishing, consuming, request/reply, outbox."""
