"""Checks the graph files with the tools their users open them with: networkx reads graph.json
and graph.graphml, Graphviz renders graph.dot without a warning, graph.gexf is well-formed XML.
Run by .ci/run after the tests; takes the folder as its argument."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import json
import networkx as nx

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "graphs")

data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
from_json = nx.node_link_graph(data, edges="edges")
from_graphml = nx.read_graphml(folder / "graph.graphml")
assert from_json.number_of_nodes() > 0 and from_json.number_of_edges() > 0, "empty graph.json"
assert from_json.number_of_nodes() == from_graphml.number_of_nodes(), "json and graphml disagree on nodes"
assert from_json.number_of_edges() == from_graphml.number_of_edges(), "json and graphml disagree on edges"

rendered = subprocess.run(
    ["dot", "-Tsvg", str(folder / "graph.dot"), "-o", "/dev/null"], capture_output=True, text=True
)
assert rendered.returncode == 0, rendered.stderr
assert rendered.stderr.strip() == "", f"Graphviz warned: {rendered.stderr}"

root = ET.parse(folder / "graph.gexf").getroot()
assert root.tag == "{http://gexf.net/1.3}gexf", root.tag

print(
    f"graph files ok: {from_json.number_of_nodes()} nodes, {from_json.number_of_edges()} edges; "
    "networkx, Graphviz and XML agree"
)
