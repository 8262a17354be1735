// Draws every [data-map] element with Leaflet.
//
// Basemap: the country outlines of Natural Earth (the npm package world-atlas, served by this
// site from data-outlines and read with topojson-client), so the map reads with no internet.
// Tiles from MAP_TILE_URL (data-tile-url), when set and reachable, are drawn over them.
//
// Points come from a <script type="application/json"> named by data-map. Places are circles
// sized by activity; events (points with a `type`) are coloured by type (app.css) and sized by
// the highest reported toll. Points that would overlap are grouped into clusters
// (leaflet.markercluster) showing how many they hold; a click zooms in. The place a page is
// about (`current`) is never clustered. A place placed at another's point (`approximate`: a
// village a report locates only by a nearby town or its governorate) is drawn hollow and says
// so. Names are drawn for the busiest points that have room, so labels never overlap; every
// point names itself on hover.
//
// Names are analyst-supplied text: labels and popups are built from DOM text nodes, never from
// strings, which Leaflet would write as HTML.
(function () {
  "use strict";

  var MAX_LABELS = 40;

  function eventRadius(killed) {
    return Math.min(5 + 3 * Math.sqrt(Math.max(killed || 0, 0)), 30);
  }

  function placeRadius(count, max) {
    if (count === null || count === undefined) return 11;
    return 5 + 17 * Math.sqrt(count / Math.max(max, 1));
  }

  function text(value, className) {
    var span = document.createElement("span");
    span.textContent = value;
    if (className) span.className = className;
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
    var note = null;
    if (point.type) {
      note = (point.date || "date unknown") + " · " + (point.killed || 0) + " killed";
    } else if (point.count !== null && point.count !== undefined) {
      note = point.count + (point.count === 1 ? " article" : " articles");
    }
    if (point.approximate) {
      note = (note ? note + " · " : "") + "approximate point";
    }
    if (note) {
      var div = document.createElement("div");
      div.className = "map-popup-note";
      div.textContent = note;
      box.appendChild(div);
    }
    return box;
  }

  // One request per outline file, however many maps the page has.
  var outlineRequests = {};

  function outlines(url) {
    if (!outlineRequests[url]) {
      outlineRequests[url] = fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("Country outlines: HTTP " + response.status);
          return response.json();
        })
        .then(function (topology) {
          return topojson.feature(topology, topology.objects.countries);
        });
    }
    return outlineRequests[url];
  }

  function drawOutlines(map, element) {
    var url = element.dataset.outlines;
    if (!url || typeof topojson === "undefined") return;
    // Under the tiles: with tiles they are hidden, without them they are the map.
    map.createPane("outlines");
    map.getPane("outlines").style.zIndex = 150;
    outlines(url)
      .then(function (countries) {
        L.geoJSON(countries, {
          pane: "outlines",
          interactive: false,
          style: {
            color: "#8ea3ad",
            weight: 1,
            fillColor: "#f8f6f1",
            fillOpacity: 1,
          },
        }).addTo(map);
        element.classList.add("map-outlines-ready");
      })
      .catch(function () {
        element.classList.add("map-outlines-failed");
      });
  }

  function marker(point, max) {
    var radius = point.type ? eventRadius(point.killed) : placeRadius(point.count, max);
    var size = Math.round(2 * radius);
    var classes = ["map-dot"];
    if (point.type) classes.push("map-event", "map-event-" + point.type);
    if (point.current) classes.push("map-dot-current");
    if (point.approximate) classes.push("map-dot-approximate");
    var layer = L.marker([point.lat, point.lon], {
      icon: L.divIcon({ className: classes.join(" "), iconSize: [size, size], html: "" }),
      keyboard: true,
      title: point.name,
      riseOnHover: true,
    });
    layer.bindPopup(popup(point));
    layer.point = point;
    layer.size = size;
    return layer;
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = clusterSize(count);
    var inner = document.createElement("span");
    inner.textContent = String(count);
    return L.divIcon({
      className: "map-cluster",
      iconSize: [size, size],
      html: inner,
    });
  }

  function clusterSize(count) {
    return count < 10 ? 28 : count < 100 ? 34 : 40;
  }

  // Where an icon of `size` pixels centred on `latlng` lies in the map's box. Computed from the
  // map, not read from the page: markers that a cluster lets go are still moving on screen.
  function iconBox(map, latlng, size) {
    var at = map.latLngToContainerPoint(latlng);
    return [at.x - size / 2, at.y - size / 2, at.x + size / 2, at.y + size / 2];
  }

  function overlaps(a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  // Names go to the point the page is about, then to the busiest visible points in rank order
  // where the name overlaps no name already placed and no cluster or point; the other points
  // are named on hover (their title).
  function placeLabels(map, ranked, clusters, labels) {
    labels.clearLayers();
    var bounds = map.getBounds();
    var taken = []; // [box, the point it belongs to, or null for a cluster]
    var visible = [];
    var seen = [];
    ranked.forEach(function (layer) {
      var shown = layer.point.current ? layer : clusters.getVisibleParent(layer);
      if (!shown || !bounds.contains(shown.getLatLng())) return;
      if (shown === layer) {
        visible.push(layer);
        taken.push([iconBox(map, layer.getLatLng(), layer.size), layer]);
      } else if (seen.indexOf(shown) === -1) {
        seen.push(shown);
        taken.push([iconBox(map, shown.getLatLng(), clusterSize(shown.getChildCount())), null]);
      }
    });
    var placed = 0;
    var tried = 0;
    visible.forEach(function (layer) {
      // Each try lays a label out to measure it: a crowded view stops trying early.
      if (placed >= MAX_LABELS || tried >= 4 * MAX_LABELS) return;
      tried += 1;
      var label = L.tooltip(layer.getLatLng(), {
        permanent: true,
        direction: "right",
        offset: [layer.size / 2, 0],
        className: "map-label",
        content: text(layer.point.name),
        interactive: false,
      });
      labels.addLayer(label);
      var element = label.getElement();
      var at = map.latLngToContainerPoint(layer.getLatLng());
      var left = at.x + layer.size / 2;
      var where = [
        left,
        at.y - element.offsetHeight / 2,
        left + element.offsetWidth + 8,
        at.y + element.offsetHeight / 2,
      ];
      var free =
        layer.point.current ||
        taken.every(function (other) {
          return other[1] === layer || !overlaps(where, other[0]);
        });
      if (free) {
        taken.push([where, layer]);
        placed += 1;
      } else {
        labels.removeLayer(label);
      }
    });
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.map);
    if (!source || typeof L === "undefined") return;
    var points = JSON.parse(source.textContent);
    // maxZoom: clustering needs it, and with no tile layer nothing else sets it. No fading: a
    // name taken off the map must leave at once, not linger over the one put in its place.
    var map = L.map(element, {
      scrollWheelZoom: false,
      worldCopyJump: true,
      maxZoom: 14,
      fadeAnimation: false,
    });
    drawOutlines(map, element);
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        maxZoom: 18,
        attribution: element.dataset.attribution || "",
      }).addTo(map);
    }
    var max = 1;
    points.forEach(function (p) {
      if (p.count > max) max = p.count;
    });
    var clusters = L.markerClusterGroup({
      maxClusterRadius: 50,
      showCoverageOnHover: false,
      iconCreateFunction: clusterIcon,
    });
    var labels = L.layerGroup();
    var ranked = [];
    var bounds = [];
    points.forEach(function (point, index) {
      var layer = marker(point, max);
      ranked.push(layer);
      if (point.current) {
        layer.setZIndexOffset(1000).addTo(map);
      } else {
        clusters.addLayer(layer);
      }
      // Frame the busiest points; outliers far away stay on the map, off the first view.
      if (index < 25 || point.current) bounds.push([point.lat, point.lon]);
    });
    // Current first, then the most active (the selectors send points busiest first).
    ranked.sort(function (a, b) {
      return (b.point.current ? 1 : 0) - (a.point.current ? 1 : 0);
    });
    clusters.addTo(map);
    labels.addTo(map);
    if (bounds.length === 1) {
      map.setView(bounds[0], 9);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 10 });
    }
    var relabel = function () {
      placeLabels(map, ranked, clusters, labels);
    };
    map.on("moveend zoomend", relabel);
    clusters.on("animationend", relabel);
    relabel();
    element.classList.add("map-ready");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-map]").forEach(draw);
  });
})();
