"""Import in the web UI for co-ordinators (upload, check, see problems, confirm), and the
Annex A list 8 download for managers and analysts."""

import shutil
import time
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lantern.accounts.access import allow
from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.core.ukdate import aware_to_local
from lantern.interchange.forms import AnnexAForm, ConfirmForm, UploadForm
from lantern.interchange.problems import ImportRejected
from lantern.interchange.services import annex_a_download, dataset_import


def uploads_dir() -> Path:
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


ABANDONED_AFTER = timedelta(days=1)


def _remove_abandoned(folder: Path) -> None:
    """Uploads checked but never confirmed are removed after a day."""
    cutoff = time.time() - ABANDONED_AFTER.total_seconds()
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime >= cutoff:
                continue
            if path.is_dir():  # a single CSV kept under its own name
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:  # removed by another request meanwhile
            pass


def _discard(stored: str) -> None:
    """Remove a stored upload (and the folder of a single CSV)."""
    path = uploads_dir() / stored
    path.unlink(missing_ok=True)
    if path.parent != uploads_dir():
        shutil.rmtree(path.parent, ignore_errors=True)


def _store(upload) -> str:
    """Keep the upload under an opaque name: no personal data in file names or URLs."""
    _remove_abandoned(uploads_dir())
    given = Path(upload.name).name.lower()
    if given.endswith(".csv"):  # the file's name says which dataset file it is
        name = f"{uuid.uuid4().hex}/{given}"
        (uploads_dir() / name).parent.mkdir()
    else:
        name = uuid.uuid4().hex + (".xlsx" if given.endswith(".xlsx") else ".zip")
    with open(uploads_dir() / name, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return name


def _problems_page(request, rejected: ImportRejected):
    return render(
        request,
        "interchange/problems.html",
        {
            "problems": rejected.problems,
            "total": f"{rejected.total:,}",
            "more": f"{rejected.more:,}" if rejected.more else "",
            "form": UploadForm(),
        },
        status=422,
    )


@allow(Role.COORDINATOR)
def upload(request):
    """Upload and check a dataset; nothing is changed until the co-ordinator confirms."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        stored = _store(form.cleaned_data["dataset"])
        try:
            result = dataset_import(uploads_dir() / stored, user=request.user, dry_run=True)
        except ImportRejected as rejected:
            _discard(stored)
            audit_record(
                request=request,
                action=AuditAction.IMPORT,
                object_type="dataset",
                object_id=stored,
                detail={"outcome": "rejected", "problems": rejected.total},
            )
            return _problems_page(request, rejected)
        return render(
            request,
            "interchange/check.html",
            {"result": result, "confirm": ConfirmForm(initial={"upload": stored})},
        )
    return render(request, "interchange/upload.html", {"form": form})


@allow(Role.COORDINATOR)
def confirm(request):
    """Apply a checked upload: every row or none, audited by the import itself."""
    form = ConfirmForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        raise Http404
    path = uploads_dir() / form.cleaned_data["upload"]
    if not path.is_file():
        raise Http404
    try:
        result = dataset_import(path, user=request.user)
    except ImportRejected as rejected:  # the data changed since the check
        return _problems_page(request, rejected)
    finally:
        _discard(form.cleaned_data["upload"])  # confirmed or refused: a new upload starts again
    return render(request, "interchange/done.html", {"result": result})


ANNEX_A_ROLES = (Role.MANAGER, Role.ANALYST)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _annex_a_page(request, form, status=200):
    pseudonymised = request.user.role == Role.ANALYST
    return render(
        request,
        "interchange/annex_a.html",
        {"form": form, "pseudonymised": pseudonymised},
        status=status,
    )


@allow(*ANNEX_A_ROLES)
def annex_a(request):
    """Choose the date Annex A list 8 is run for; the form downloads it."""
    return _annex_a_page(request, AnnexAForm())


@allow(*ANNEX_A_ROLES)
def annex_a_list8(request):
    """List 8 as an .xlsx, audited; pseudonymised for analysts (access.md)."""
    form = AnnexAForm(request.GET)
    if not form.is_valid():
        return _annex_a_page(request, form, status=400)
    run_for = form.cleaned_data["to"] or aware_to_local(timezone.now()).date()
    content = annex_a_download(
        request=request,
        date_to=run_for,
        pseudonymise=request.user.role == Role.ANALYST,
    )
    response = HttpResponse(content, content_type=XLSX)
    name = f"annex-a-list-8-{run_for.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
