"""Everything stored, composed: `store.profiles`, `store.diary`, `store.treatments`,
`store.specialists`, `store.sharing`, over one `PatientFolders` (see there for the folder
layout and the queues)."""

from __future__ import annotations

from pathlib import Path

from diarybot.storage.diary import Diary
from diarybot.storage.folders import PatientFolders
from diarybot.storage.patient_links import PatientLinks
from diarybot.storage.profiles import Profiles
from diarybot.storage.recovery_notices import RecoveryNotices
from diarybot.storage.share_codes import ShareCodes
from diarybot.storage.sharing import Sharing
from diarybot.storage.specialists import Specialists
from diarybot.storage.treatments import Treatments


class Store:
    """The repositories the bot uses, sharing one folder mechanism.

    `threads=0` runs file work inline: for tools and tests that read a data folder.
    """

    def __init__(self, data_dir: Path, threads: int = 4) -> None:
        self.folders = PatientFolders(data_dir, threads)
        self.profiles = Profiles(self.folders)
        self.diary = Diary(self.folders)
        self.treatments = Treatments(self.folders)
        self.specialists = Specialists(self.folders)
        codes = ShareCodes(self.folders)
        links = PatientLinks(self.folders, self.profiles)
        self.sharing = Sharing(links, self.profiles, self.specialists, codes)

    @property
    def recovered(self) -> RecoveryNotices:
        """Who had a file set aside and is still to be told."""
        return self.folders.notices

    async def erase(self, user_id: int) -> None:
        """Delete everything stored for this person: their sharing in both directions, their
        codes, then their folder (set-aside files included)."""
        await self.sharing.forget_person(user_id)
        await self.folders.run(user_id, lambda: self.folders.erase(user_id))
        self.profiles.forget(user_id)

    def close(self) -> None:
        """Wait for writes in flight to finish (shutdown)."""
        self.folders.close()
