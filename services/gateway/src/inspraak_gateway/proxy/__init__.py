"""The public API: requests routed to the services, and one OpenAPI document of them all."""
