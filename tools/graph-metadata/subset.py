#!/usr/bin/env python3
"""Cuts the parts of Microsoft Graph's published metadata that CloudTrust touches out of a checkout of
microsoftgraph/msgraph-metadata, as CSDL the simulator loads (src/CloudTrust.Simulator/Graph/Metadata).

    python3 tools/graph-metadata/subset.py <msgraph-metadata git dir> [commit]

v1.0: clean_v10_metadata/cleanMetadata.xml, cut to the roots in seeds.json plus their base types, the complex
and enum types of their properties, the derived types asked for, the named bound actions and the named entity
sets and singletons. Elements are kept as published (annotations dropped, the 'graph.' alias written out).

beta: the beta CSDL is not in the snapshot this was written from (too large), so names come from Microsoft's
exports of beta-Prod.csdl in the same commit (schemas/type-mappings/beta-{entity,complex,enum}-types.json) and
structure from the v1.0 CSDL where the type exists there, else from beta-structure.json (each entry citing its
Learn page). A property whose type neither gives is written Edm.Untyped; the script fails when beta-structure.json
names a property, navigation property or type that Microsoft's beta exports do not have.
"""
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

EDM = "http://docs.oasis-open.org/odata/ns/edm"
EDMX = "http://docs.oasis-open.org/odata/ns/edmx"
NS = "microsoft.graph"
HERE = Path(__file__).resolve().parent
OUT = HERE.parent.parent / "src" / "CloudTrust.Simulator" / "Graph" / "Metadata"
V1_PATH = "clean_v10_metadata/cleanMetadata.xml"
BETA_MAPPINGS = "schemas/type-mappings/beta-{}-types.json"


def git_show(repo, commit, path):
    return subprocess.run(["git", "--git-dir", repo, "show", f"{commit}:{path}"], check=True, capture_output=True).stdout


def full(type_ref):
    """Writes the 'graph.' alias out, inside Collection(...) too."""
    if type_ref is None:
        return None
    if type_ref.startswith("Collection(") and type_ref.endswith(")"):
        return f"Collection({full(type_ref[11:-1])})"
    return NS + type_ref[len("graph"):] if type_ref.startswith("graph.") else type_ref


def element_type(type_ref):
    return type_ref[11:-1] if type_ref.startswith("Collection(") else type_ref


def local(type_ref):
    t = element_type(full(type_ref))
    return t[len(NS) + 1:] if t.startswith(NS + ".") and "." not in t[len(NS) + 1:] else None


def tag(name):
    return f"{{{EDM}}}{name}"


class V1:
    def __init__(self, xml):
        root = ET.fromstring(xml)
        schema = next(s for s in root.iter(tag("Schema")) if s.get("Namespace") == NS)
        self.types = {e.get("Name"): e for e in schema if e.tag in (tag("EntityType"), tag("ComplexType"), tag("EnumType"))}
        self.operations = [e for e in schema if e.tag in (tag("Action"), tag("Function"))]
        self.container = next(schema.iter(tag("EntityContainer")))

    def base(self, name):
        e = self.types.get(name)
        return local(e.get("BaseType")) if e is not None and e.get("BaseType") else None

    def property_type(self, name, prop, kind="Property"):
        e = self.types.get(name)
        if e is None:
            return None
        found = next((p for p in e.findall(tag(kind)) if p.get("Name") == prop), None)
        return full(found.get("Type")) if found is not None else None


def derived(names, base_of, roots):
    out = set()
    for name in names:
        b = name
        while b is not None:
            if b in roots:
                out.add(name)
                break
            b = base_of(b)
    return out


def close(seeds, base_of, property_types):
    keep, queue = set(), list(seeds)
    while queue:
        name = queue.pop()
        if name in keep:
            continue
        keep.add(name)
        if base_of(name):
            queue.append(base_of(name))
        queue.extend(t for t in property_types(name) if t not in keep)
    return keep


def clean(e):
    """A copy without annotations, type references written out."""
    copy = ET.Element(e.tag.split("}")[1], {k: (full(v) if k in ("Type", "BaseType", "EntityType") else v) for k, v in e.attrib.items()})
    for child in e:
        name = child.tag.split("}")[1]
        if name in ("Annotation", "NavigationPropertyBinding"):
            continue
        copy.append(clean(child))
    return copy


def document(elements):
    edmx = ET.Element("edmx:Edmx", {"Version": "4.0", "xmlns:edmx": EDMX})
    services = ET.SubElement(edmx, "edmx:DataServices")
    schema = ET.SubElement(services, "Schema", {"Namespace": NS, "Alias": "graph", "xmlns": EDM})
    schema.extend(elements)
    ET.indent(edmx, space="  ")
    return ET.tostring(edmx, encoding="unicode") + "\n"


def v1_subset(v1, seeds):
    def property_types(name):
        e = v1.types[name]
        return [t for t in (local(p.get("Type")) for p in e.findall(tag("Property"))) if t in v1.types]

    roots = set(seeds["types"]) | derived(v1.types, v1.base, set(seeds["withDerived"]))
    keep = close(roots, v1.base, property_types)
    kinds = ("EnumType", "ComplexType", "EntityType")
    elements = [clean(v1.types[n]) for k in kinds for n in sorted(keep) if v1.types[n].tag == tag(k)]
    for wanted in seeds["actions"]:
        matches = [o for o in v1.operations if o.get("Name") == wanted["name"] and local(o.find(tag("Parameter")).get("Type")) == wanted["binding"]]
        if not matches:
            sys.exit(f"v1.0: no bound operation {wanted['name']} on {wanted['binding']}")
        elements.extend(clean(o) for o in matches)
    container = ET.Element("EntityContainer", {"Name": v1.container.get("Name")})
    for name in seeds["container"]:
        found = next((e for e in v1.container if e.get("Name") == name), None)
        if found is None:
            sys.exit(f"v1.0: no entity set or singleton {name}")
        container.append(clean(found))
    elements.append(container)
    return document(elements), len(keep)


def beta_subset(v1, mappings, structure, seeds):
    entities, complexes, enums = (mappings[k][NS] for k in ("entity", "complex", "enum"))
    supplement = structure["types"]
    for name, given in supplement.items():
        names = entities.get(name) or complexes.get(name)
        if names is None:
            sys.exit(f"beta-structure.json: {name} is not a beta type in Microsoft's exports")
        for prop in given.get("properties", {}):
            if prop not in names["properties"]:
                sys.exit(f"beta-structure.json: {name}.{prop} is not a beta property in Microsoft's exports")
        for nav in given.get("navigation", {}):
            if nav not in names["navigationProperties"]:
                sys.exit(f"beta-structure.json: {name}.{nav} is not a beta navigation property in Microsoft's exports")

    def base_of(name):
        given = supplement.get(name, {})
        return local(given["baseType"]) if "baseType" in given else v1.base(name)

    def property_type(name, prop):
        return supplement.get(name, {}).get("properties", {}).get(prop) or v1.property_type(name, prop) or "Edm.Untyped"

    def navigation_type(name, nav):
        return supplement.get(name, {}).get("navigation", {}).get(nav) or v1.property_type(name, nav, "NavigationProperty")

    def property_types(name):
        if name in enums:
            return []
        names = entities.get(name) or complexes.get(name)
        found = [local(property_type(name, p)) for p in names["properties"]]
        return [t for t in found if t in entities or t in complexes or t in enums]

    every = set(entities) | set(complexes)
    roots = set(seeds["types"]) | derived(every, base_of, set(seeds["withDerived"]))
    missing = [n for n in roots if n not in every]
    if missing:
        sys.exit(f"beta: not in Microsoft's beta exports: {missing}")
    keep = close(roots, base_of, property_types)
    elements = []
    for name in sorted(n for n in keep if n in enums):
        flags = structure["enums"].get(name, {}).get("flags") or (v1.types.get(name) is not None and v1.types[name].get("IsFlags") == "true")
        e = ET.Element("EnumType", {"Name": name, **({"IsFlags": "true"} if flags else {})})
        for i, member in enumerate(enums[name]):
            ET.SubElement(e, "Member", {"Name": member, "Value": str(1 << i if flags else i)})
        elements.append(e)
    for kind, table in (("ComplexType", complexes), ("EntityType", entities)):
        for name in sorted(n for n in keep if n in table):
            attributes = {"Name": name}
            if base_of(name):
                attributes["BaseType"] = f"{NS}.{base_of(name)}"
            v1e = v1.types.get(name)
            if supplement.get(name, {}).get("abstract") or (v1e is not None and v1e.get("Abstract") == "true"):
                attributes["Abstract"] = "true"
            e = ET.Element(kind, attributes)
            for prop in table[name]["properties"]:
                ET.SubElement(e, "Property", {"Name": prop, "Type": property_type(name, prop)})
            for nav in table[name]["navigationProperties"]:
                target = navigation_type(name, nav)
                ET.SubElement(e, "NavigationProperty", {"Name": nav, **({"Type": target} if target else {}), "ContainsTarget": "true"})
            elements.append(e)
    for action in structure["actions"]:
        e = ET.Element("Action", {"Name": action["name"], "IsBound": "true"})
        ET.SubElement(e, "Parameter", {"Name": "bindingParameter", "Type": action["binding"]})
        if "parametersLike" in action:
            like = next(o for o in v1.operations if o.get("Name") == action["parametersLike"] and local(o.find(tag("Parameter")).get("Type")) == local(action["binding"]))
            e.extend(clean(p) for p in like.findall(tag("Parameter"))[1:])
            returned = like.find(tag("ReturnType"))
            if returned is not None:
                e.append(clean(returned))
        else:
            for name, type_ref in action["parameters"].items():
                ET.SubElement(e, "Parameter", {"Name": name, "Type": type_ref})
            if "returns" in action:
                ET.SubElement(e, "ReturnType", {"Type": action["returns"]})
        elements.append(e)
    container = ET.Element("EntityContainer", {"Name": "GraphService"})
    for name in seeds["container"]:
        found = next(e for e in v1.container if e.get("Name") == name)
        container.append(clean(found))
    elements.append(container)
    return document(elements), len(keep)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    repo = sys.argv[1]
    commit = sys.argv[2] if len(sys.argv) > 2 else subprocess.run(["git", "--git-dir", repo, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    seeds = json.loads((HERE / "seeds.json").read_text())
    structure = json.loads((HERE / "beta-structure.json").read_text())
    v1 = V1(git_show(repo, commit, V1_PATH))
    mappings = {k: json.loads(git_show(repo, commit, BETA_MAPPINGS.format(k))) for k in ("entity", "complex", "enum")}
    OUT.mkdir(parents=True, exist_ok=True)
    v1_text, v1_count = v1_subset(v1, seeds["v1.0"])
    beta_text, beta_count = beta_subset(v1, mappings, structure, seeds["beta"])
    (OUT / "v1.0.csdl.xml").write_text(v1_text)
    (OUT / "beta.csdl.xml").write_text(beta_text)
    (OUT / "LICENSE").write_bytes(git_show(repo, commit, "LICENSE"))
    (OUT / "SOURCE.md").write_text(
        "# Vendored Microsoft Graph metadata\n\n"
        f"From https://github.com/microsoftgraph/msgraph-metadata at commit `{commit}` (MIT, see LICENSE),\n"
        "cut by `python3 tools/graph-metadata/subset.py <msgraph-metadata git dir> <commit>` from the roots in\n"
        "`tools/graph-metadata/seeds.json`. Do not edit these files by hand: change the seeds and run the script.\n\n"
        f"- `v1.0.csdl.xml`: `{V1_PATH}` ({v1_count} types).\n"
        f"- `beta.csdl.xml` ({beta_count} types): names from `schemas/type-mappings/beta-entity-types.json`,\n"
        "  `beta-complex-types.json` and `beta-enum-types.json` (Microsoft's exports of `schemas/beta-Prod.csdl`);\n"
        "  structure from the v1.0 CSDL where the type exists there, else from `tools/graph-metadata/beta-structure.json`\n"
        "  (each entry cites its Learn page). Beta enum member values are positions, not the published values.\n")
    print(f"v1.0: {v1_count} types, beta: {beta_count} types, commit {commit}")


if __name__ == "__main__":
    main()
