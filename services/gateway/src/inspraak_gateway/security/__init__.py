"""Response headers that make browsers strict about what our pages may do."""
