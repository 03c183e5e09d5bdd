"""Small building blocks every domain of the service uses: texts, rich text, cursors, GeoJSON."""
