"""The resilience and security suite: crash, outage and concurrency with nothing lost, and access control
proven cell by cell. It drives the platform over HTTP and controls its processes; it never imports it."""
