// Draws every [data-network] element with cytoscape.js from the JSON elements named by
// data-network. Tapping an actor opens its page.
(function () {
  "use strict";

  var COLORS = { person: "#2563eb", organization: "#7c3aed", armed_group: "#dc2626" };

  function layoutFor(count) {
    // A handful of actors reads best on a circle; larger graphs need a force-directed layout.
    if (count <= 12) {
      return { name: "circle", padding: 40, avoidOverlap: true, radius: Math.max(80, count * 24) };
    }
    return {
      name: "cose",
      animate: false,
      randomize: true,
      nodeRepulsion: function () { return 1000000; },
      idealEdgeLength: function () { return 120; },
      edgeElasticity: function () { return 60; },
      gravity: 0.3,
      nodeOverlap: 30,
      componentSpacing: 100,
      numIter: 1500,
      padding: 30,
    };
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.network);
    if (!source || typeof cytoscape === "undefined") return;
    var data = JSON.parse(source.textContent);
    var maxWeight = 1;
    data.edges.forEach(function (e) { if (e.data.weight > maxWeight) maxWeight = e.data.weight; });
    var cy = cytoscape({
      container: element,
      elements: data.nodes.concat(data.edges),
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        {
          selector: "node",
          style: {
            "background-color": function (n) { return COLORS[n.data("kind")] || "#475569"; },
            label: "data(label)",
            "font-size": 12,
            "font-family": "system-ui, sans-serif",
            color: "#1e293b",
            "text-valign": "bottom",
            "text-margin-y": 4,
            "text-outline-color": "#ffffff",
            "text-outline-width": 2,
            width: function (n) { return 14 + Math.min(26, 3 * Math.sqrt(n.data("weight") || 1)); },
            height: function (n) { return 14 + Math.min(26, 3 * Math.sqrt(n.data("weight") || 1)); },
          },
        },
        {
          selector: "node[?center]",
          style: { width: 36, height: 36, "font-weight": "bold", "border-width": 3, "border-color": "#0f172a" },
        },
        {
          selector: "edge",
          style: {
            width: function (e) { return 1 + 5 * (e.data("weight") / maxWeight); },
            "line-color": "#94a3b8",
            opacity: 0.7,
            "curve-style": "haystack",
          },
        },
        { selector: "node:active, node:selected", style: { "overlay-opacity": 0.1 } },
      ],
      layout: layoutFor(data.nodes.length),
    });
    // Few nodes would be blown up to fill the box: keep labels at a readable size.
    if (cy.zoom() > 1.4) {
      cy.zoom(1.4);
      cy.center();
    }
    cy.on("tap", "node", function (event) {
      var url = event.target.data("url");
      if (url) window.location.assign(url);
    });
    cy.on("mouseover", "node", function () { element.style.cursor = "pointer"; });
    cy.on("mouseout", "node", function () { element.style.cursor = ""; });
    element.classList.add("network-ready");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-network]").forEach(draw);
  });
})();
