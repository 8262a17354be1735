from django import forms
from django.conf import settings

from articles import ingest

# Which field a rejection is shown on.
_FIELD_FOR_CODE = {"bad_date": "published", "bad_url": "source_url"}


class ArticleUploadForm(forms.Form):
    """Paste a report's text or choose a file; the checks are those of `articles.ingest`.

    A valid form's `cleaned_data["article"]` is an `ingest.ArticleInput`.
    """

    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Paste the report's text, or choose a file below.",
    )
    file = forms.FileField(
        required=False,
        help_text="A .txt, .md, .html or .htm file.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.html,.htm"}),
    )
    title = forms.CharField(
        required=False,
        max_length=500,
        help_text="Leave empty to use the page's headline (HTML) or the first line of the text.",
    )
    source_url = forms.CharField(required=False, max_length=2000, label="Source address")
    source_name = forms.CharField(
        required=False,
        max_length=200,
        label="Outlet",
        help_text="e.g. Reuters. Leave empty to use the site name of an HTML page.",
    )
    published = forms.CharField(
        required=False,
        label="Published",
        help_text="YYYY-MM-DD, or leave empty to use an HTML page's own date. "
        "Dates like “on Saturday” are resolved against it.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text") or "", cleaned.get("file")
        if upload and text.strip():
            raise forms.ValidationError(
                "Paste the text or choose a file, not both.", code="ambiguous"
            )
        if not upload and not text.strip():
            self.add_error(
                "text",
                forms.ValidationError(
                    "Paste the report's text or choose a file that contains it.", code="empty"
                ),
            )
            return cleaned
        fields = {
            "title": cleaned.get("title") or "",
            "source_url": cleaned.get("source_url") or "",
            "source_name": cleaned.get("source_name") or "",
            "published": cleaned.get("published") or None,
        }
        field = "file" if upload else "text"
        try:
            for name, what in (("title", "title"), ("source_name", "outlet")):
                field = name
                ingest.typed_text_check(fields[name], what=what)
            field = "file" if upload else "text"
            if upload:
                if upload.size > settings.ARTICLE_MAX_BYTES:
                    ingest.size_check(upload.size)
                parsed = ingest.upload_parse(name=upload.name, data=upload.read())
                cleaned["article"] = ingest.upload_input_clean(upload=parsed, **fields)
            else:
                ingest.typed_text_check(text)
                cleaned["article"] = ingest.article_input_clean(text=text, **fields)
        except ingest.ArticleRejected as rejected:
            field = _FIELD_FOR_CODE.get(rejected.code, field)
            self.add_error(field, forms.ValidationError(rejected.message, code=rejected.code))
        return cleaned
