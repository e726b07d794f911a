#!/usr/bin/env python3
"""Writes a pact (pacte's JSON) as an equivalent Typst document, to compare pacte with Typst.

Usage: pact-to-typst.py PACT.json [OUT.typ]   (default: standard output)

The document has the same text in the same order as `pacte render`: the cover (département,
period, title), the sommaire (#outline, levels 1 and 2), the list of sigles, the editorial,
the visas, the free sections, the partners with their rubrics and engagements (fiches-action
cited as pacte cites them), the governance (each instance's sheet as a table of row headers,
the synthesis table), the duration clause, the signatures ("Fait à …", the blocks in a
grid), the annexes, the index of the fiches-action where pacte prints it (by default the last
annex: each fiche cited, then one line per engagement citing it, who and the beginning of its
text, leader dots and its page, a link to it) and the back cover's contact block. A4, French with hyphenation, Noto Sans (the
compiler is given the repository's fonts/ folder and no system font). Rich text is the
pact's Markdown, read with markdown-it-py (CommonMark, tables, inline HTML for <sup>).

Not reproduced (pacte does it, Typst cannot or it would not change the work much): the
empty signature fields, logos (the Vaucluse pact has none), pacte's exact typography rules
(no-break spaces before « ; : ! ? », number groups), its page make-up, and the length of
the index's excerpts (pacte fills the line; here a count of characters).
It is a yardstick for speed and size, not a second renderer: run it through
scripts/compare-typst.sh.
"""

import json
import re
import sys
import unicodedata

from markdown_it import MarkdownIt

MD = MarkdownIt("commonmark").enable("table")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]

# Characters with a meaning in Typst markup, escaped with a backslash in text.
SPECIAL = re.compile(r'([\\#*_`$<>@\[\]~=\-+/"])')


def esc(text):
    """Plain text as Typst markup (newlines become spaces)."""
    return SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def string(text):
    """Text as a Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------- Markdown → Typst


def inline(children):
    """markdown-it inline tokens → Typst markup."""
    out, stack = [], []
    for t in children or []:
        if t.type == "text":
            out.append(esc(t.content))
        elif t.type in ("softbreak",):
            out.append(" ")
        elif t.type == "hardbreak":
            out.append(" \\\n")
        elif t.type == "strong_open":
            out.append("#strong[")
        elif t.type == "em_open":
            out.append("#emph[")
        elif t.type == "link_open":
            out.append(f"#link({string(t.attrs.get('href', ''))})[")
        elif t.type in ("strong_close", "em_close", "link_close"):
            out.append("]")
        elif t.type == "code_inline":
            out.append(f"#raw({string(t.content)})")
        elif t.type == "html_inline":
            tag = t.content.strip().lower()
            if tag == "<sup>":
                out.append("#super[")
                stack.append("sup")
            elif tag == "</sup>" and stack:
                stack.pop()
                out.append("]")
            elif tag in ("<br>", "<br/>", "<br />"):
                out.append(" \\\n")
        else:
            out.append(esc(t.content))
    out.extend("]" for _ in stack)
    return "".join(out)


def blocks(markdown, suffix=None):
    """A Markdown text → Typst block markup; `suffix` (markup) ends its first paragraph."""
    if not isinstance(markdown, (str, type(None))):
        sys.exit("pact-to-typst: rich text in typed form (an array of blocks) is not supported; "
                 "write it as Markdown")
    tokens = MD.parse(markdown or "")
    out, _ = _blocks(tokens, 0, len(tokens), [suffix])
    return out


def _blocks(tokens, i, end, suffix):
    out = []
    while i < end:
        t = tokens[i]
        if t.type == "paragraph_open":
            text = inline(tokens[i + 1].children)
            if suffix[0]:
                text, suffix[0] = text + suffix[0], None
            out.append(text + "\n\n")
            i += 3
        elif t.type in ("bullet_list_open", "ordered_list_open"):
            close = _closing(tokens, i)
            out.append(_list(tokens, i, close, suffix))
            i = close + 1
        elif t.type == "blockquote_open":
            close = _closing(tokens, i)
            body, _ = _blocks(tokens, i + 1, close, suffix)
            out.append(f"#quote(block: true)[\n{body}]\n\n")
            i = close + 1
        elif t.type == "table_open":
            close = _closing(tokens, i)
            out.append(_table(tokens[i:close + 1]))
            i = close + 1
        else:
            i += 1
    return "".join(out), i


def _closing(tokens, i):
    """Index of the token that closes tokens[i]."""
    depth = 0
    for k in range(i, len(tokens)):
        depth += tokens[k].nesting
        if depth == 0:
            return k
    return len(tokens) - 1


def _list(tokens, i, close, suffix):
    ordered = tokens[i].type == "ordered_list_open"
    start = int(tokens[i].attrs.get("start", 1)) if ordered else 1
    items, k = [], i + 1
    while k < close:
        if tokens[k].type == "list_item_open":
            end = _closing(tokens, k)
            body, _ = _blocks(tokens, k + 1, end, suffix)
            items.append(f"[{body.strip()}]")
            k = end + 1
        else:
            k += 1
    kind = f"#enum(start: {start}, " if ordered else "#list("
    return kind + ", ".join(items) + ")\n\n"


def _table(tokens):
    rows, row, header_rows = [], None, 0
    for t in tokens:
        if t.type == "tr_open":
            row = []
        elif t.type == "inline" and row is not None:
            row.append(f"[{inline(t.children)}]")
        elif t.type == "tr_close":
            rows.append(row)
        elif t.type == "thead_close":
            header_rows = len(rows)
    cols = max((len(r) for r in rows), default=1)
    head = "".join(f"table.header({', '.join(r)}),\n" for r in rows[:header_rows])
    body = "".join(", ".join(r) + ",\n" for r in rows[header_rows:])
    return f"#table(columns: {cols},\n{head}{body})\n\n"


# ---------------------------------------------------------------- the pact's parts


def heading(text, level, numbered=False, outlined=True):
    numbering = '"1."' if numbered else "none"
    return (f"#heading(level: {level}, numbering: {numbering}, outlined: "
            f"{'true' if outlined and level <= 2 else 'false'}, bookmarked: true)[{esc(text)}]\n\n")


def date_fr(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{'1er' if d == 1 else d} {MONTHS[m - 1]} {y}"


def cover(p):
    dep, per = p["departement"], p["periode"]
    libelle = f"{per['debut']}-{per['fin']}"
    out = ["#page(margin: 0pt, footer: none, header: none)[\n",
           "#block(width: 100%, height: 9cm, fill: primary, inset: (x: 2.5cm, y: 2cm))[\n",
           f"#text(fill: white, size: 22pt, weight: \"bold\")[Département {esc(dep['de'])}]\n\n",
           f"#text(fill: white, size: 16pt)[{esc(libelle)}]]\n",
           "#pad(x: 2.5cm, top: 2cm)[\n",
           f"#text(fill: primary, size: 30pt, weight: \"bold\")[{esc(p['titre'])}]\n\n"]
    if p.get("sous_titre"):
        out.append(f"#text(fill: secondary, size: 18pt)[{esc(p['sous_titre'])}]\n\n")
    out.append(f"#text(fill: secondary, size: 18pt, weight: \"bold\")[{esc(libelle)}]\n\n")
    out.append("#line(length: 4cm, stroke: 2pt + primary)\n")
    service = (p.get("metadonnees") or {}).get("service_emetteur")
    if service:
        out.append(f"#v(1fr)\n{esc(service)}\n")
    out.append("]]\n\n")
    return "".join(out)


def sans_article(nom):
    nom = nom.strip()
    for article in ("Le ", "La ", "Les ", "L'", "L’"):
        if nom.startswith(article) and nom[len(article):].strip():
            return nom[len(article):].lstrip()
    return nom


def all_partners(partners):
    for x in partners:
        yield x
        yield from all_partners(x.get("sous_partenaires", []))


def instances(p):
    for g in (p.get("gouvernance") or {}).get("groupes", []):
        yield from g.get("instances", [])


def french_key(s):
    base = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return (base.casefold(), s)


def sigles(p):
    found = {}
    for x in list(all_partners(p["partenaires"])) + list(instances(p)):
        s = (x.get("sigle") or "").strip()
        d = sans_article(x["nom"])
        if s and d.lower() != s.lower() and s not in found:
            found[s] = d
    for e in p.get("sigles", []):
        found[e["sigle"].strip()] = e["definition"].strip()
    rows = sorted(found.items(), key=lambda kv: french_key(kv[0]))
    body = "".join(f"[*{esc(s)}*], [{esc(d)}],\n" for s, d in rows)
    return ("#table(columns: (auto, 1fr),\ntable.header([*Sigle*], [*Signification*]),\n"
            f"{body})\n\n")


def fiches_suffix(e):
    nums = e.get("fiches_action", [])
    if not nums:
        return None
    compact = re.sub(r"\s", "", e["texte"])
    if all(f"n°{n}" in compact or f"et{n}" in compact for n in nums):
        return None
    if len(nums) == 1:
        return f" #emph[(fiche-action n°{nums[0]})]"
    head = ", ".join(str(n) for n in nums[:-1])
    return f" #emph[(fiches-action n°{head} et {nums[-1]})]"


def engagements(items, pid, path=()):
    out = []
    for k, e in enumerate(items):
        body = blocks(e["texte"], fiches_suffix(e)).strip()
        if e.get("fiches_action"):
            # Where the index of the fiches-action links to, and reads the page of.
            body = f"#metadata(none) <{label(pid, path + (k,))}>{body}"
        if e.get("sous_engagements"):
            body += "\n\n" + engagements(e["sous_engagements"], pid, path + (k,)).strip()
        out.append(f"[{body}]")
    return "#list(" + ", ".join(out) + ")\n\n" if out else ""


def label(pid, path):
    """The Typst label of the engagement at `path` among the engagements of partner `pid`."""
    return "eng-" + re.sub(r"[^A-Za-z0-9_-]", "-", pid) + "-" + "-".join(map(str, path))


# ---------------------------------------------------------------- the index of the fiches

# Words an excerpt does not end on (pacte's list).
SMALL_WORDS = {"le", "la", "les", "un", "une", "des", "de", "du", "à", "au", "aux", "en", "et",
               "ou", "par", "pour", "sur", "avec", "dans", "son", "sa", "ses", "leur", "leurs",
               "qui", "que", "l'", "d'", "l’", "d’", "ce", "cette", "ces", "entre", "vers", "sous"}


def plain(markdown):
    """A Markdown text's words, without its markup."""
    words = []
    for t in MD.parse(markdown or ""):
        for c in t.children or []:
            if c.type in ("text", "code_inline"):
                words.append(c.content)
            elif c.type in ("softbreak", "hardbreak"):
                words.append(" ")
        words.append(" ")
    return " ".join("".join(words).split())


def excerpt(text, room):
    """`text` whole if it has at most `room` characters, else its longest beginning of whole
    words that fits with an ellipsis, not ending on a small word (pacte measures the line; a
    count of characters is near enough here)."""
    if len(text) <= room:
        return text
    words = text.split()
    while words and (len(" ".join(words)) + 1 > room or words[-1].lower() in SMALL_WORDS):
        words.pop()
    return " ".join(words) + "…"


def index_fiches(p):
    """pacte's index of the fiches-action: each fiche cited, by number, with the engagements
    citing it in document order; `[]` when no engagement cites one."""
    cites = []

    def collect(x, items, path):
        for k, e in enumerate(items):
            for n in e.get("fiches_action", []):
                cites.append((n, x, e, label(x["id"], path + (k,))))
            collect(x, e.get("sous_engagements", []), path + (k,))

    for x in all_partners(p["partenaires"]):
        collect(x, x.get("engagements", []), ())
    cites.sort(key=lambda c: c[0])
    fiches = {}
    for n, x, e, lbl in cites:
        entries = fiches.setdefault(n, [])
        if all(lbl != other for _, _, other in entries):
            entries.append((x, e, lbl))
    return list(fiches.items())


def fiches(p, index, title):
    """The index (`index_fiches(p)`) on a new page: each fiche's title, then one line per
    engagement: who, the beginning of its text, leader dots and the engagement's page, a link
    to it."""
    titles = {f["numero"]: f["titre"].strip() for f in p.get("fiches_pdi", [])}
    out = ["#pagebreak(weak: true)\n", heading(title, 1)]
    for n, entries in index:
        head = f"Fiche-action n° {n}" + (f" – {titles[n]}" if titles.get(n) else "")
        out.append(f"#block(sticky: true, above: 1.4em)[#text(size: 13pt, weight: \"bold\", "
                   f"fill: primary)[{esc(head)}]]\n")
        for x, e, lbl in entries:
            who = (x.get("sigle") or "").strip() or sans_article(x["nom"])
            text = excerpt(plain(e["texte"]), 80 - len(who))
            out.append(f"#block(above: 0.6em, below: 0.6em, inset: (left: 1.5em))"
                       f"[#link(<{lbl}>)[#strong[{esc(who)}] – {esc(text)}"
                       f" #box(width: 1fr, repeat[. ]) "
                       f"#context counter(page).at(<{lbl}>).first()]]\n")
        out.append("\n")
    return "".join(out)


def section(s, level, numbered):
    out = [heading(s["titre"], level, numbered), blocks(s.get("texte"))]
    for sous in s.get("sous_sections", []):
        out.append(section(sous, min(level + 1, 4), False))
    return "".join(out)


def partner(p, x, level, titres):
    out = [heading(x.get("titre") or x["nom"], level), blocks(x.get("presentation"))]
    sub = min(level + 1, 4)
    for key, default in (("contexte_legislatif", "Le contexte législatif"),
                         ("orientations", "Orientations stratégiques et priorités")):
        r = x.get(key)
        if r:
            out.append(heading(r.get("titre") or titres.get(key, default), sub))
            out.append(blocks(r.get("texte")))
    for s in x.get("sous_sections", []):
        out.append(section(s, sub, False))
    if x.get("engagements") or x.get("engagements_introduction"):
        out.append(heading(x.get("engagements_titre") or titres.get("engagements", "Engagements"), sub))
        out.append(blocks(x.get("engagements_introduction")))
        out.append(engagements(x.get("engagements", []), x["id"]))
        out.append(blocks(x.get("engagements_conclusion")))
    for s in x.get("sous_partenaires", []):
        out.append(partner(p, s, sub, titres))
    return "".join(out)


def member(p, m):
    if m.get("libelle"):
        return m["libelle"]
    x = next((x for x in all_partners(p["partenaires"]) if x["id"] == m.get("partenaire")), None)
    return (x.get("sigle") or x["nom"]) if x else m.get("partenaire", "")


def instance(i):
    titre = i.get("titre") or (f"{i['nom']} ({i['sigle']})" if i.get("sigle") else i["nom"])
    out = [heading(titre, 3), blocks(i.get("description"))]
    rows = [(label, i.get(key)) for label, key in (("Composition", "composition"),
            ("Périmètre d'action", "perimetre"), ("Évolution préconisée", "evolution"))
            if i.get(key)]
    if rows:
        cells = "".join(f"table.cell(breakable: true)[#heading(level: 4, outlined: false)[{esc(l)}]],"
                        f" [{blocks(t).strip()}],\n" for l, t in rows)
        out.append(f"#table(columns: (3.5cm, 1fr),\n{cells})\n\n")
    return "".join(out)


def gouvernance(p):
    g = p.get("gouvernance") or {}
    if not g.get("groupes") and not g.get("introduction"):
        return ""
    out = ["#pagebreak(weak: true)\n", heading(g.get("titre") or "La gouvernance du Pacte", 1, True),
           blocks(g.get("introduction"))]
    for groupe in g.get("groupes", []):
        out.append(heading(groupe["titre"], 2))
        out.append(blocks(groupe.get("introduction")))
        out.extend(instance(i) for i in groupe.get("instances", []))
    out.append(blocks(g.get("conclusion")))
    if g.get("tableau_synthese", True) and any(True for _ in instances(p)):
        out.append(heading("Synthèse du schéma de gouvernance", 2))
        rows = []
        for i in instances(p):
            nom = f"{i['nom']} ({i['sigle']})" if i.get("sigle") else i["nom"]
            pilote = member(p, i["pilote"]) if i.get("pilote") else "—"
            membres = ", ".join(member(p, m) for m in i.get("membres", [])) or "—"
            rows.append(f"[*{esc(nom)}*], [{esc(pilote)}], [{esc(i.get('frequence') or '—')}], "
                        f"[{esc(membres)}],\n")
        out.append("#table(columns: (1.3fr, 1fr, 1fr, 1.6fr),\n"
                   "table.header([*Instance*], [*Pilotage*], [*Fréquence*], [*Membres*]),\n"
                   + "".join(rows) + ")\n\n")
    return "".join(out)


def lieu(p):
    l = p.get("lieu_signature")
    if not l:
        return "à …………………………"
    if isinstance(l, str):
        return f"à {l}"
    article = {"le": "au ", "la": "à la ", "les": "aux ", "l'": "à l'"}.get(l.get("article"), "à ")
    return f"{article}{l['nom']}"


def signatures(p):
    sigs = p.get("signataires", [])
    if not sigs:
        return ""
    date = date_fr(p["date_signature"]) if p.get("date_signature") else "…………………………"
    n = p.get("exemplaires_originaux")
    if n is None or n == "par_partie":
        n = len({" ".join(s["pour"].strip().rstrip(",").lower().split()) for s in sigs})
    out = ["#pagebreak(weak: true)\n", heading(p.get("titres", {}).get("signataires", "Signataires du Pacte"), 1, True),
           f"Fait {esc(lieu(p))}, le {esc(date)}\n\n"]
    if n != "omis":
        out.append("en un exemplaire original.\n\n" if n == 1 else f"en {n} exemplaires originaux.\n\n")
    cells = []
    for s in sigs:
        lines = [f"#strong[Pour {esc(s['pour'].rstrip(','))},]", esc(s["qualite"])]
        lines += [esc(s[k]) for k in ("nom", "mention") if s.get(k)]
        cells.append("block(breakable: false)[" + " \\\n".join(lines)
                     + "\n#v(3cm)]")
    out.append("#grid(columns: (1fr, 1fr, 1fr), column-gutter: 0.5cm, row-gutter: 0.8cm,\n"
               + ",\n".join(cells) + ")\n\n")
    return "".join(out)


def back_cover(p):
    c = p.get("contact")
    if not c:
        return ""
    lines = [f"#strong[{esc(c[k])}]" for k in ("direction", "service") if c.get(k)]
    lines += [esc(c[k]) for k in ("adresse", "telephone", "site_web") if c.get(k)]
    return ("#page(margin: 0pt, footer: none, header: none)[#v(1fr)\n"
            "#block(width: 100%, fill: primary, inset: 2.5cm)[#set text(fill: white)\n"
            + " \\\n".join(lines) + "]]\n")


def preamble(p):
    dep = p["departement"]
    title = f"{p['titre']} {dep['de']} {p['periode']['debut']}-{p['periode']['fin']}"
    meta = p.get("metadonnees") or {}
    couleurs = p.get("apparence") or {}
    primary = couleurs.get("couleur_principale", "#00376B")  # pacte's default theme
    secondary = couleurs.get("couleur_secondaire", "#2E5480")
    return (f"#set document(title: {string(title)}, author: {string(meta.get('service_emetteur', ''))}, "
            f"keywords: ({', '.join(string(k) for k in meta.get('mots_cles', []))}))\n"
            '#set page(paper: "a4", margin: (top: 27mm, right: 24mm, bottom: 25mm, left: 26mm), '
            'footer: context align(center, text(size: 8pt)[Page #counter(page).display() / '
            "#counter(page).final().first()]))\n"
            '#set text(font: "Noto Sans", lang: "fr", region: "FR", hyphenate: true, size: 10pt)\n'
            "#set par(justify: true, leading: 0.72em, spacing: 1.3em)\n"
            "#set heading(numbering: none)\n"
            f"#let primary = rgb({string(primary)})\n#let secondary = rgb({string(secondary)})\n"
            "#show heading: set text(fill: primary)\n"
            "#show heading.where(level: 1): set text(size: 16pt)\n"
            "#show heading.where(level: 2): set text(size: 13pt)\n"
            "#show heading.where(level: 3): set text(size: 11pt, fill: secondary)\n"
            "#show heading.where(level: 4): set text(size: 10pt, fill: secondary)\n"
            "#show heading.where(level: 1): it => { v(0.5cm); it; v(0.2cm) }\n\n")


def convert(p):
    t = p.get("titres", {})
    out = [preamble(p), cover(p),
           f"#outline(title: {string(t.get('sommaire', 'Sommaire'))}, depth: 2)\n\n"]
    if p.get("liste_sigles") == "apres_sommaire" or (p.get("sigles") and not p.get("liste_sigles")):
        out += ["#pagebreak(weak: true)\n", heading(t.get("sigles", "Liste des sigles"), 1), sigles(p)]
    index = index_fiches(p)
    place = (p.get("index_fiches") or "annexe") if index else "omis"
    fiches_title = t.get("fiches", "Fiches-action du PDI et engagements")
    if place == "apres_sommaire":
        out.append(fiches(p, index, fiches_title))
    e = p.get("editorial")
    if e:
        out += ["#pagebreak(weak: true)\n", heading(e.get("titre") or "Éditorial", 1)]
        c = e.get("citation")
        if c:
            out.append(f"#quote(block: true, attribution: [{esc(c['auteur'])}"
                       f"{', ' + esc(c['qualite']) if c.get('qualite') else ''}])"
                       f"[#emph[« {esc(c['texte'].strip())} »]]\n\n")
        out.append(blocks(e["texte"]))
    visas = p.get("visas", [])
    if visas:
        out += [heading(t.get("visas", "Visas"), 1)]
        out += [f"Vu la délibération n° {esc(v.get('numero', ''))} du {esc(date_fr(v['date']))}"
                f" : {esc(v.get('objet', ''))}\n\n" for v in visas]
    if p.get("preambule"):
        out += ["#pagebreak(weak: true)\n", section(p["preambule"], 1, False)]
    sections = p.get("sections", [])
    where = lambda pos: [s for s in sections if s.get("position", "avant_partenaires") == pos]
    if where("avant_partenaires"):
        out.append("#pagebreak(weak: true)\n")
    out += [section(s, 1, s.get("numerotee", True)) for s in where("avant_partenaires")]
    if p["partenaires"]:
        out += ["#pagebreak(weak: true)\n",
                heading(t.get("partenaires", "Les engagements des signataires"), 1, True),
                blocks(p.get("introduction_partenaires"))]
        out += [partner(p, x, 2, t) for x in p["partenaires"]]
    out += [section(s, 1, s.get("numerotee", True)) for s in where("apres_partenaires")]
    out.append(gouvernance(p))
    out += [section(s, 1, s.get("numerotee", True)) for s in where("apres_gouvernance")]
    if p.get("duree"):
        out += [heading(t.get("duree", "Durée du Pacte Territorial d'Insertion"), 1, True), blocks(p["duree"])]
    out.append(signatures(p))
    for k, a in enumerate(p.get("annexes", []), 1):
        out += ["#pagebreak(weak: true)\n", heading(f"{t.get('annexe', 'Annexe')} {k} – {a['titre']}", 1),
                blocks(a["texte"])]
    if p.get("liste_sigles") == "annexe":
        out += ["#pagebreak(weak: true)\n", heading(t.get("sigles", "Liste des sigles"), 1), sigles(p)]
    if place == "annexe":
        numero = len(p.get("annexes", [])) + (p.get("liste_sigles") == "annexe") + 1
        out.append(fiches(p, index, f"{t.get('annexe', 'Annexe').strip()} {numero} – {fiches_title}"))
    out.append(back_cover(p))
    return "".join(out)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.split("\n\n")[1])
    with open(sys.argv[1], encoding="utf-8") as f:
        typ = convert(json.load(f))
    if len(sys.argv) == 3:
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.write(typ)
    else:
        sys.stdout.write(typ)


if __name__ == "__main__":
    main()
