// Draws every [data-map] element with Leaflet: circle markers sized by activity, linked to
// each place's page. Points come from a <script type="application/json"> named by data-map.
// Event points (with a `type`) are coloured by type and sized by the highest reported toll.
// Names are analyst-supplied text: tooltips and popups are built from DOM text nodes, never
// from strings, which Leaflet would write as HTML.
(function () {
  "use strict";

  // Event types by ACLED event type: battles, explosions/remote violence, violence against
  // civilians, strategic developments, protests.
  var EVENT_COLOURS = {
    armed_clash: "#b91c1c", territory_captured: "#7f1d1d",
    airstrike: "#c2410c", shelling: "#ea580c", explosive: "#d97706",
    suicide_bombing: "#92400e", chemical_attack: "#65a30d",
    attack: "#7c3aed", execution: "#5b21b6", abduction: "#9333ea",
    withdrawal: "#0369a1", arrest: "#0e7490", agreement: "#0f766e",
    protest: "#2563eb",
  };

  function eventRadius(killed) {
    return 5 + 3 * Math.sqrt(Math.max(killed || 0, 0));
  }

  function radius(count, max) {
    if (count === null || count === undefined) return 11;
    return 5 + 17 * Math.sqrt(count / Math.max(max, 1));
  }

  function label(point) {
    var span = document.createElement("span");
    span.textContent = point.name;
    return span;
  }

  function popup(point) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    // Only this site's own paths become links.
    if (typeof point.url === "string" && /^\/(?!\/)/.test(point.url)) link.href = point.url;
    link.textContent = point.name;
    link.className = "map-popup-title";
    box.appendChild(link);
    if (point.type) {
      var what = document.createElement("div");
      what.className = "map-popup-note";
      what.textContent = (point.date || "date unknown") + " · " + (point.killed || 0) + " killed";
      box.appendChild(what);
    } else if (point.count !== null && point.count !== undefined) {
      var note = document.createElement("div");
      note.className = "map-popup-note";
      note.textContent = point.count + (point.count === 1 ? " article" : " articles");
      box.appendChild(note);
    }
    return box;
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.map);
    if (!source || typeof L === "undefined") return;
    var points = JSON.parse(source.textContent);
    var map = L.map(element, { scrollWheelZoom: false, worldCopyJump: true });
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        maxZoom: 18,
        attribution: element.dataset.attribution || "",
      }).addTo(map);
    }
    var max = 1;
    points.forEach(function (p) { if (p.count > max) max = p.count; });
    var bounds = [];
    points.forEach(function (point, index) {
      var colour = point.type ? EVENT_COLOURS[point.type] || "#475569" : null;
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: point.type ? Math.min(eventRadius(point.killed), 30) : radius(point.count, max),
        color: colour || (point.current ? "#9a3412" : "#0f4c5c"),
        weight: point.current ? 3 : 1.5,
        fillColor: colour || (point.current ? "#f97316" : "#1d8a99"),
        fillOpacity: 0.55,
        className: point.type ? "map-marker map-event map-event-" + point.type : "map-marker",
      }).addTo(map);
      // The busiest places keep their name on the map, so it reads even without tiles.
      marker.bindTooltip(label(point), {
        permanent: !point.type && (index < 6 || point.current === true),
        direction: "right",
        className: "map-label",
      });
      marker.bindPopup(popup(point));
      // Frame the busiest places; outliers far away stay on the map, off the first view.
      if (index < 25 || point.current) bounds.push([point.lat, point.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 9);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 10 });
    }
    element.classList.add("map-ready");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-map]").forEach(draw);
  });
})();
