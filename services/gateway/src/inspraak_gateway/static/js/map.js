/* The spatial plan's map: the project's area, the input as markers, and a click that fills
   in the idea form's latitude and longitude. Without this script, or when the tiles do not
   load, the page keeps working: the input list and the two fields do the same job. */
(function () {
  "use strict";
  var element = document.getElementById("inspraak-map");
  if (!element || !window.L) {
    return;
  }
  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer(element.dataset.tiles, {
    attribution: element.dataset.attribution,
    maxZoom: 19,
  }).addTo(map);

  var bounds = null;
  if (element.dataset.area) {
    var area = L.geoJSON(JSON.parse(element.dataset.area), {
      style: function () {
        return { className: "inspraak-map__area" };
      },
    });
    area.addTo(map);
    bounds = area.getBounds();
  }

  document.querySelectorAll("[data-lat][data-lon]").forEach(function (item) {
    var position = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
    var link = item.querySelector("a");
    var title = link ? link.textContent.trim() : "";
    var marker = L.marker(position, { title: title, alt: title }).addTo(map);
    if (link) {
      // Built from text, never from HTML: titles are residents' words.
      var popup = document.createElement("a");
      popup.href = link.getAttribute("href");
      popup.textContent = title;
      marker.bindPopup(popup);
    }
  });

  if (bounds && bounds.isValid()) {
    map.fitBounds(bounds);
  } else {
    map.setView([50.85, 4.35], 8);
  }

  var latitude = document.getElementById("field-lat");
  var longitude = document.getElementById("field-lon");
  if (latitude && longitude) {
    var picked = null;
    map.on("click", function (event) {
      latitude.value = event.latlng.lat.toFixed(6);
      longitude.value = event.latlng.lng.toFixed(6);
      if (picked) {
        picked.setLatLng(event.latlng);
      } else {
        picked = L.marker(event.latlng, { alt: latitude.labels[0].textContent }).addTo(map);
      }
    });
  }
})();
