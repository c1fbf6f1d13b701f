"""Files the bot uploads: kept by file_id for re-sending, ``getFile`` and download."""

from __future__ import annotations

from collections.abc import Iterator

from aiohttp import web

from tests.support.fake_bot_api.records import JSONDict, StoredFile, UploadedFile
from tests.support.fake_bot_api.wire import ApiError


class FileStore:
    """Uploaded files by file_id; ``ids`` is the fake's one counter of ids it hands out."""

    def __init__(self, token: str, ids: Iterator[int]) -> None:
        self._token = token
        self._ids = ids
        self.files: dict[str, StoredFile] = {}

    def file_input(
        self, params: JSONDict, files: dict[str, UploadedFile], name: str
    ) -> StoredFile:
        """Resolve a media parameter: an upload (by part name or ``attach://``) or a file_id."""
        value = params.get(name)
        upload = files.get(name)
        if upload is None and isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        if upload is not None:
            if not upload.data:
                raise ApiError(400, "Bad Request: file must be non-empty")
            return self._store(upload, name)
        if not value:
            raise ApiError(400, f"Bad Request: there is no {name} in the request")
        if str(value).startswith(("http://", "https://")):
            raise ApiError(400, "Bad Request: failed to get HTTP URL content")
        stored = self.files.get(str(value))
        if stored is None:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        return stored

    def get_file(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        """``getFile``: where to download a stored file."""
        stored = self.files.get(str(params.get("file_id")))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }

    async def download(self, request: web.Request) -> web.Response:
        """``GET /file/bot<token>/<file_path>``: the stored bytes."""
        if request.match_info["token"] != self._token:
            return web.Response(status=401)
        path = request.match_info["path"]
        for stored in self.files.values():
            if stored.file_path == path:
                return web.Response(body=stored.data, content_type="application/octet-stream")
        return web.Response(status=404)

    def _store(self, upload: UploadedFile, kind: str) -> StoredFile:
        number = next(self._ids)
        name = upload.filename or ""
        extension = name.rsplit(".", 1)[1] if "." in name else "bin"
        stored = StoredFile(
            file_id=f"{kind}-file-{number:06d}",
            file_unique_id=f"u{number:06d}",
            data=upload.data,
            file_name=upload.filename,
            mime_type=upload.content_type,
            file_path=f"{kind}s/file_{number}.{extension}",
        )
        self.files[stored.file_id] = stored
        return stored
