// Draws every [data-network] element with cytoscape.js from the JSON elements named by
// data-network. Tapping an actor opens its page. Labels sit on a white band so lines never run
// through them, are cut short when long, and hide while zoomed out too far to read (zoom in to
// see them); the focus's label is larger, so it stays longest. Actors two meetings from the
// focus (ring 2) are drawn lighter.
(function () {
  "use strict";

  var COLORS = { person: "#2563eb", organization: "#7c3aed", armed_group: "#dc2626" };

  function layoutFor(count, focused) {
    // A focused network: the focus in the middle, who met them around it, then the next ring.
    if (focused) {
      return {
        name: "concentric",
        concentric: function (node) { return 2 - (node.data("ring") || 0); },
        levelWidth: function () { return 1; },
        minNodeSpacing: 110,
        avoidOverlap: true,
        padding: 30,
      };
    }
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
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": 2,
            "text-background-shape": "roundrectangle",
            "text-wrap": "ellipsis",
            "text-max-width": 140,
            "min-zoomed-font-size": 9,
            width: function (n) { return 14 + Math.min(26, 3 * Math.sqrt(n.data("weight") || 1)); },
            height: function (n) { return 14 + Math.min(26, 3 * Math.sqrt(n.data("weight") || 1)); },
          },
        },
        {
          selector: "node[ring = 2]",
          style: { "background-opacity": 0.45, "border-width": 1, "border-style": "dashed", "border-color": "#64748b", color: "#475569" },
        },
        {
          selector: "node[?center]",
          style: { width: 36, height: 36, "font-weight": "bold", "font-size": 15, "border-width": 3, "border-color": "#0f172a" },
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
      layout: layoutFor(
        data.nodes.length,
        data.nodes.some(function (n) { return n.data.ring !== undefined; })
      ),
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
