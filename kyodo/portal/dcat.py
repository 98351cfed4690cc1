"""The open-data catalogue as DCAT in JSON-LD, for CKAN's DCAT harvester (ckanext-dcat) and
other portals: a ``dcat:Catalog`` whose ``dcat:Dataset`` s (one per dataset and organisation)
each list a ``dcat:Distribution`` per format with its download URL, media type, licence and
modification date."""

import datetime

from django.utils import timezone

from kyodo.core.notify import absolute_url

MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "html": "text/html",
    "pdf": "application/pdf",
}
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _date(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return {"@value": value.isoformat(timespec="seconds"), "@type": "xsd:dateTime"}
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _publisher(organisation):
    return {"@type": "foaf:Organization", "foaf:name": organisation.name,
            "foaf:homepage": {"@id": absolute_url(organisation.get_absolute_url())}}


def catalogue_document(entries, *, title, description, url, publisher=None):
    catalogue_url = absolute_url(url)
    modified = [e.updated for e in entries if e.updated is not None]
    document = {
        "@context": CONTEXT,
        "@id": catalogue_url,
        "@type": "dcat:Catalog",
        "dct:title": str(title),
        "dct:description": str(description),
        "dct:language": {"@id": "http://id.loc.gov/vocabulary/iso639-1/ja"},
        "foaf:homepage": {"@id": catalogue_url.removesuffix("catalog.jsonld")},
        "dcat:dataset": [dataset_node(e) for e in entries],
    }
    if publisher is not None:
        document["dct:publisher"] = _publisher(publisher)
    if modified:
        document["dct:modified"] = _date(max(modified, key=_sortable))
    return document


def _sortable(value):
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))


def dataset_node(entry):
    page = absolute_url(entry.url)
    modified = _date(entry.updated)
    licence = {"@id": entry.licence_url}
    node = {
        "@id": f"{page}#{entry.dataset.name}",
        "@type": "dcat:Dataset",
        "dct:identifier": f"{entry.organisation.local_government_code}-{entry.dataset.name}",
        "dct:title": f"{entry.dataset.title}({entry.organisation.name})",
        "dct:description": str(entry.dataset.description),
        "dct:publisher": _publisher(entry.organisation),
        "dct:license": licence,
        "dct:rights": entry.licence,
        "dcat:landingPage": {"@id": page},
        "dcat:keyword": [str(entry.dataset.title), entry.organisation.name],
        "dcat:distribution": [{
            "@id": f"{page}#{entry.dataset.name}.{fmt}",
            "@type": "dcat:Distribution",
            "dct:title": f"{entry.dataset.title}({fmt.upper()})",
            "dct:format": fmt.upper(),
            "dcat:mediaType": {"@id": "https://www.iana.org/assignments/media-types/"
                                      + MEDIA_TYPES.get(fmt, "application/octet-stream")},
            "dcat:accessURL": {"@id": page},
            "dcat:downloadURL": {"@id": page},
            "dct:license": licence,
            **({"dct:modified": modified} if modified else {}),
        } for fmt in entry.dataset.formats],
    }
    if entry.dataset.layout:
        node["dct:conformsTo"] = {"@type": "dct:Standard", "dct:title": str(entry.dataset.layout)}
    if modified:
        node["dct:modified"] = modified
    return node
