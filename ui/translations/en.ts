<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AppController</name>
    <message>
        <source>Something went wrong (%1). Nothing was changed by the failed step.</source>
        <translation>Something went wrong (%1). Nothing was changed by the failed step.</translation>
    </message>
    <message>
        <source>Donghaeng</source>
        <translation>Donghaeng</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>Hashes &amp;only…</source>
        <translation>Hashes &amp;only…</translation>
    </message>
    <message>
        <source>Record only the hash values of files; the files are not kept</source>
        <translation>Record only the hash values of files; the files are not kept</translation>
    </message>
    <message>
        <source>Hashes only</source>
        <translation>Hashes only</translation>
    </message>
    <message>
        <source>The files will not be kept, only their hash values. Note (optional, e.g. where the original is):</source>
        <translation>The files will not be kept, only their hash values. Note (optional, e.g. where the original is):</translation>
    </message>
    <message>
        <source>Only the hash values were recorded; the files were not kept:
%1

Delete the original files from this computer now?

Note: on SSDs and flash drives deleting does not reliably destroy the data; the original may still be recoverable.</source>
        <translation>Only the hash values were recorded; the files were not kept:
%1

Delete the original files from this computer now?

Note: on SSDs and flash drives deleting does not reliably destroy the data; the original may still be recoverable.</translation>
    </message>
    <message>
        <source>Only the hash values of this file were kept: there is nothing to show.</source>
        <translation>Only the hash values of this file were kept: there is nothing to show.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>&amp;Add files…</translation>
    </message>
    <message>
        <source>Add files to the selected record</source>
        <translation>Add files to the selected record</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <source>Preview the selected image</source>
        <translation>Preview the selected image</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove the selected file</source>
        <translation>Remove the selected file</translation>
    </message>
    <message>
        <source>Files of this case</source>
        <translation>Files of this case</translation>
    </message>
    <message>
        <source>Select a record in the timeline to add files to it.</source>
        <translation>Select a record in the timeline to add files to it.</translation>
    </message>
    <message>
        <source>New files go to: %1. You can also drop files here.</source>
        <translation>New files go to: %1. You can also drop files here.</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>Add files</translation>
    </message>
    <message>
        <source>Select a record in the timeline first: files belong to a record.</source>
        <translation>Select a record in the timeline first: files belong to a record.</translation>
    </message>
    <message>
        <source>Importing %1 file(s)…</source>
        <translation>Importing %1 file(s)…</translation>
    </message>
    <message>
        <source>Delete the original files?</source>
        <translation>Delete the original files?</translation>
    </message>
    <message>
        <source>Stored in the vault, encrypted:
%1

Delete the original files from this computer now?

Note: on SSDs and flash drives deleting does not reliably destroy the data; the original may still be recoverable.</source>
        <translation>Stored in the vault, encrypted:
%1

Delete the original files from this computer now?

Note: on SSDs and flash drives deleting does not reliably destroy the data; the original may still be recoverable.</translation>
    </message>
    <message>
        <source>Delete originals</source>
        <translation>Delete originals</translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation>Keep them</translation>
    </message>
    <message>
        <source>These could not be deleted:
%1</source>
        <translation>These could not be deleted:
%1</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>Remove file</translation>
    </message>
    <message>
        <source>Remove %1 from the case? It stays in the audit trail as removed.</source>
        <translation>Remove %1 from the case? It stays in the audit trail as removed.</translation>
    </message>
</context>
<context>
    <name>CaseCenter</name>
    <message>
        <source>Send a &amp;note to the worker…</source>
        <translation>Send a &amp;note to the worker…</translation>
    </message>
    <message>
        <source>Send a note about this case to a worker</source>
        <translation>Send a note about this case to a worker</translation>
    </message>
    <message>
        <source>S&amp;hare with a worker…</source>
        <translation>S&amp;hare with a worker…</translation>
    </message>
    <message>
        <source>Share this case with a worker</source>
        <translation>Share this case with a worker</translation>
    </message>
    <message>
        <source>Hand over all cases of a worker…</source>
        <translation>Hand over all cases of a worker…</translation>
    </message>
    <message>
        <source>Hand over every case of a worker to another</source>
        <translation>Hand over every case of a worker to another</translation>
    </message>
    <message>
        <source>Written by %1 — read-only on the center's desk</source>
        <translation>Written by %1 — read-only on the center's desk</translation>
    </message>
</context>
<context>
    <name>CaseNotesBlock</name>
    <message>
        <source>Notes sent about this case</source>
        <translation>Notes sent about this case</translation>
    </message>
    <message>
        <source>From the center</source>
        <translation>From the center</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Resol&amp;ve…</source>
        <translation>Resol&amp;ve…</translation>
    </message>
    <message>
        <source>Resolve the conflict: merge the versions</source>
        <translation>Resolve the conflict: merge the versions</translation>
    </message>
    <message>
        <source>received versions waiting for an earlier one: %1</source>
        <translation>received versions waiting for an earlier one: %1</translation>
    </message>
    <message>
        <source>Conflict: %1 versions of this record were saved separately. Nothing is lost; merge them into one.</source>
        <translation>Conflict: %1 versions of this record were saved separately. Nothing is lost; merge them into one.</translation>
    </message>
    <message>
        <source>← &amp;Cases</source>
        <translation>← &amp;Cases</translation>
    </message>
    <message>
        <source>Back to the cases list</source>
        <translation>Back to the cases list</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <source>New &amp;record</source>
        <translation>New &amp;record</translation>
    </message>
    <message>
        <source>New record in this case</source>
        <translation>New record in this case</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>&amp;Export PDF…</translation>
    </message>
    <message>
        <source>Export a signed PDF of this case</source>
        <translation>Export a signed PDF of this case</translation>
    </message>
    <message>
        <source>Timeline of the case</source>
        <translation>Timeline of the case</translation>
    </message>
    <message>
        <source>Version shown</source>
        <translation>Version shown</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>Edit: saves a new version</source>
        <translation>Edit: saves a new version</translation>
    </message>
    <message>
        <source>Editing saves a new version; earlier versions are kept</source>
        <translation>Editing saves a new version; earlier versions are kept</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>Delete the record (kept as a tombstone)</source>
        <translation>Delete the record (kept as a tombstone)</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>Close case</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>%1 · opened %2</source>
        <translation>%1 · opened %2</translation>
    </message>
    <message>
        <source>Reopen case</source>
        <translation>Reopen case</translation>
    </message>
    <message>
        <source>No records yet: add one with New record.</source>
        <translation>No records yet: add one with New record.</translation>
    </message>
    <message>
        <source>Version %1 of %2 — %3</source>
        <translation>Version %1 of %2 — %3</translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <source>Why is this record deleted? (kept in the audit trail; the record stays as a tombstone)</source>
        <translation>Why is this record deleted? (kept in the audit trail; the record stays as a tombstone)</translation>
    </message>
    <message>
        <source>Delete empty case</source>
        <translation>Delete empty case</translation>
    </message>
    <message>
        <source>Delete empty case…</source>
        <translation>Delete empty case…</translation>
    </message>
    <message>
        <source>Delete this case: it has no records</source>
        <translation>Delete this case: it has no records</translation>
    </message>
    <message>
        <source>Timeline (by date of the event, newest first)</source>
        <translation>Timeline (by date of the event, newest first)</translation>
    </message>
    <message>
        <source>Why is case %1 deleted? It has no records; the deletion and this reason stay in the audit log.</source>
        <translation>Why is case %1 deleted? It has no records; the deletion and this reason stay in the audit log.</translation>
    </message>
    <message>
        <source>Takedown packet…</source>
        <translation>Takedown packet…</translation>
    </message>
    <message>
        <source>Make a takedown packet of hash values</source>
        <translation>Make a takedown packet of hash values</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>&amp;New case</source>
        <translation>&amp;New case</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>Create a case with a new code (Ctrl+N)</source>
        <translation>Create a case with a new code (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search names, places, notes, case codes… (Ctrl+F)</source>
        <translation>Search names, places, notes, case codes… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>Search cases</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>Support &amp;area</source>
        <translation>Support &amp;area</translation>
    </message>
    <message>
        <source>C&amp;rime type</source>
        <translation>C&amp;rime type</translation>
    </message>
    <message>
        <source>Opened &amp;from</source>
        <translation>Opened &amp;from</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;to</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Status filter</translation>
    </message>
    <message>
        <source>Support area filter</source>
        <translation>Support area filter</translation>
    </message>
    <message>
        <source>Crime type filter</source>
        <translation>Crime type filter</translation>
    </message>
    <message>
        <source>Opened from</source>
        <translation>Opened from</translation>
    </message>
    <message>
        <source>Opened until</source>
        <translation>Opened until</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>%1 cases</translation>
    </message>
    <message>
        <source>&amp;Worker</source>
        <translation>&amp;Worker</translation>
    </message>
    <message>
        <source>Tea&amp;m</source>
        <translation>Tea&amp;m</translation>
    </message>
    <message>
        <source>Worker filter</source>
        <translation>Worker filter</translation>
    </message>
    <message>
        <source>Team filter</source>
        <translation>Team filter</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>My figures</source>
        <translation>My figures</translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>Nothing recorded yet.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>%1 cases, %2 open</source>
        <translation>%1 cases, %2 open</translation>
    </message>
    <message>
        <source>Cases by crime type</source>
        <translation>Cases by crime type</translation>
    </message>
    <message>
        <source>Cases by support area</source>
        <translation>Cases by support area</translation>
    </message>
    <message>
        <source>Companion sessions per month</source>
        <translation>Companion sessions per month</translation>
    </message>
    <message>
        <source>Outreach contacts per district</source>
        <translation>Outreach contacts per district</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Show:</translation>
    </message>
    <message>
        <source>Split the &amp;export:</source>
        <translation>Split the &amp;export:</translation>
    </message>
    <message>
        <source>not split</source>
        <translation>not split</translation>
    </message>
    <message>
        <source>by worker</source>
        <translation>by worker</translation>
    </message>
    <message>
        <source>by team</source>
        <translation>by team</translation>
    </message>
    <message>
        <source>Export figures (CSV/XLSX)…</source>
        <translation>Export figures (CSV/XLSX)…</translation>
    </message>
    <message>
        <source>My records</source>
        <translation>My records</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>team unknown</source>
        <translation>team unknown</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>Team: %1</translation>
    </message>
    <message>
        <source>Export figures</source>
        <translation>Export figures</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.csv)</source>
        <translation>Excel or CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Figures saved: %1 (counts under 5 shown as &lt;5)</source>
        <translation>Figures saved: %1 (counts under 5 shown as &lt;5)</translation>
    </message>
    <message>
        <source>The figures could not be saved.</source>
        <translation>The figures could not be saved.</translation>
    </message>
    <message>
        <source>Requested, no answer yet</source>
        <translation>Requested, no answer yet</translation>
    </message>
    <message>
        <source>Deletion requests by status</source>
        <translation>Deletion requests by status</translation>
    </message>
    <message>
        <source>Deletion requests by recipient</source>
        <translation>Deletion requests by recipient</translation>
    </message>
    <message>
        <source>Deletion requests by platform</source>
        <translation>Deletion requests by platform</translation>
    </message>
    <message>
        <source>platform not named</source>
        <translation>platform not named</translation>
    </message>
    <message>
        <source>Deletion requests: none recorded yet.</source>
        <translation>Deletion requests: none recorded yet.</translation>
    </message>
    <message>
        <source>Deletion requests: %1, none removed yet.</source>
        <translation>Deletion requests: %1, none removed yet.</translation>
    </message>
    <message>
        <source>Deletion requests: %1. Median time from request to removal: %2 days (over %3 removed).</source>
        <translation>Deletion requests: %1. Median time from request to removal: %2 days (over %3 removed).</translation>
    </message>
</context>
<context>
    <name>Delivery</name>
    <message>
        <source>all files there</source>
        <translation>all files there</translation>
    </message>
    <message>
        <source>files %1/%2</source>
        <translation>files %1/%2</translation>
    </message>
    <message>
        <source>%1 file(s) not yet downloaded</source>
        <translation>%1 file(s) not yet downloaded</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>from %1</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>delivered</translation>
    </message>
    <message>
        <source>on this laptop</source>
        <translation>on this laptop</translation>
    </message>
    <message>
        <source>Received from %1 through the server</source>
        <translation>Received from %1 through the server</translation>
    </message>
    <message>
        <source>Delivered to the server %1 (server no. %2)</source>
        <translation>Delivered to the server %1 (server no. %2)</translation>
    </message>
    <message>
        <source>Saved on this laptop — not yet delivered to the server</source>
        <translation>Saved on this laptop — not yet delivered to the server</translation>
    </message>
</context>
<context>
    <name>DeskDialog</name>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DeskNav</name>
    <message>
        <source>%1 unread note(s) from the center</source>
        <translation>%1 unread note(s) from the center</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>DraftsView</name>
    <message>
        <source>Drafts</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>Unfinished forms are saved here automatically every few seconds, when you move between fields and before the app locks. Open one to continue and finalise it.</source>
        <translation>Unfinished forms are saved here automatically every few seconds, when you move between fields and before the app locks. Open one to continue and finalise it.</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Open the selected draft</source>
        <translation>Open the selected draft</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>&amp;Discard…</translation>
    </message>
    <message>
        <source>Discard the selected draft</source>
        <translation>Discard the selected draft</translation>
    </message>
    <message>
        <source>No drafts: nothing unfinished is waiting.</source>
        <translation>No drafts: nothing unfinished is waiting.</translation>
    </message>
    <message>
        <source>(no case)</source>
        <translation>(no case)</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>Discard this draft? What was typed in it is lost.</source>
        <translation>Discard this draft? What was typed in it is lost.</translation>
    </message>
</context>
<context>
    <name>DueModel</name>
    <message>
        <source>%1 — %2 day(s) overdue</source>
        <translation>%1 — %2 day(s) overdue</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Next contact</source>
        <translation>Next contact</translation>
    </message>
    <message>
        <source>Plan review</source>
        <translation>Plan review</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>hidden (privacy mode)</source>
        <translation>hidden (privacy mode)</translation>
    </message>
    <message>
        <source>today (%1)</source>
        <translation>today (%1)</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Connect to the center's server</source>
        <translation>Connect to the center's server</translation>
    </message>
    <message>
        <source>Enter what the center gave you (or paste the text of its QR code). Compare the server fingerprint with the one on the center's screen before connecting.</source>
        <translation>Enter what the center gave you (or paste the text of its QR code). Compare the server fingerprint with the one on the center's screen before connecting.</translation>
    </message>
    <message>
        <source>&amp;QR text</source>
        <translation>&amp;QR text</translation>
    </message>
    <message>
        <source>QR text</source>
        <translation>QR text</translation>
    </message>
    <message>
        <source>Server &amp;address</source>
        <translation>Server &amp;address</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>One-time &amp;code</source>
        <translation>One-time &amp;code</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>One-time code</translation>
    </message>
    <message>
        <source>Server &amp;fingerprint</source>
        <translation>Server &amp;fingerprint</translation>
    </message>
    <message>
        <source>Server fingerprint</source>
        <translation>Server fingerprint</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>C&amp;onnect</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Compare with the center's screen:</source>
        <translation>Compare with the center's screen:</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Done</translation>
    </message>
    <message>
        <source>Connected as %1. This laptop's fingerprint: %2 — read it to the center.</source>
        <translation>Connected as %1. This laptop's fingerprint: %2 — read it to the center.</translation>
    </message>
    <message>
        <source>The server's key does not match this fingerprint: check it with the center</source>
        <translation>The server's key does not match this fingerprint: check it with the center</translation>
    </message>
    <message>
        <source>Could not connect (%1)</source>
        <translation>Could not connect (%1)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Contacts reason</source>
        <translation>Contacts reason</translation>
    </message>
    <message>
        <source>Export without a timestamp</source>
        <translation>Export without a timestamp</translation>
    </message>
    <message>
        <source>Include contact details</source>
        <translation>Include contact details</translation>
    </message>
    <message>
        <source>Include contact details (phone, e-mail, safe contact)</source>
        <translation>Include contact details (phone, e-mail, safe contact)</translation>
    </message>
    <message>
        <source>Reason for including contact details</source>
        <translation>Reason for including contact details</translation>
    </message>
    <message>
        <source>Signing time: time claimed by the laptop, not timestamped.</source>
        <translation>Signing time: time claimed by the laptop, not timestamped.</translation>
    </message>
    <message>
        <source>The timestamp service (%1) did not answer, so nothing was exported.

Export without a timestamp? The signing time will then be only the time claimed by this laptop, and the PDF says so.</source>
        <translation>The timestamp service (%1) did not answer, so nothing was exported.

Export without a timestamp? The signing time will then be only the time claimed by this laptop, and the PDF says so.</translation>
    </message>
    <message>
        <source>Timestamp service not answering</source>
        <translation>Timestamp service not answering</translation>
    </message>
    <message>
        <source>Why the court needs them</source>
        <translation>Why the court needs them</translation>
    </message>
    <message>
        <source>Write why the contact details are included: the reason is printed on the cover and audited.</source>
        <translation>Write why the contact details are included: the reason is printed on the cover and audited.</translation>
    </message>
    <message>
        <source>Export %1 as a signed PDF</source>
        <translation>Export %1 as a signed PDF</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>Override reason</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profile</translation>
    </message>
    <message>
        <source>&amp;Recipient</source>
        <translation>&amp;Recipient</translation>
    </message>
    <message>
        <source>P&amp;urpose</source>
        <translation>P&amp;urpose</translation>
    </message>
    <message>
        <source>PDF &amp;language</source>
        <translation>PDF &amp;language</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>Choose the file</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Save the signed PDF</source>
        <translation>Save the signed PDF</translation>
    </message>
    <message>
        <source>Composing and signing the PDF…</source>
        <translation>Composing and signing the PDF…</translation>
    </message>
    <message>
        <source>Exported and signed: %1
SHA-256 %2
%3 pages</source>
        <translation>Exported and signed: %1
SHA-256 %2
%3 pages</translation>
    </message>
    <message>
        <source>To export anyway, write why in "Override reason": it is printed on the cover and kept in the audit log.</source>
        <translation>To export anyway, write why in "Override reason": it is printed on the cover and kept in the audit log.</translation>
    </message>
</context>
<context>
    <name>ExportsModel</name>
    <message>
        <source>timestamped %1 — send this version</source>
        <translation>timestamped %1 — send this version</translation>
    </message>
    <message>
        <source>not yet timestamped</source>
        <translation>not yet timestamped</translation>
    </message>
    <message>
        <source>%1 · %2 pages · SHA-256 %3</source>
        <translation>%1 · %2 pages · SHA-256 %3</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Made</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>ExportsView</name>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <source>Every signed PDF exported from this vault. The vault keeps an encrypted copy of each: Save again writes the same file, byte for byte.</source>
        <translation>Every signed PDF exported from this vault. The vault keeps an encrypted copy of each: Save again writes the same file, byte for byte.</translation>
    </message>
    <message>
        <source>Exports, newest first</source>
        <translation>Exports, newest first</translation>
    </message>
    <message>
        <source>No exports yet: a case's Export PDF… makes one, and its copy is kept here.</source>
        <translation>No exports yet: a case's Export PDF… makes one, and its copy is kept here.</translation>
    </message>
    <message>
        <source>&amp;Save again…</source>
        <translation>&amp;Save again…</translation>
    </message>
    <message>
        <source>Save the selected export again to a file</source>
        <translation>Save the selected export again to a file</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>&amp;Open case</translation>
    </message>
    <message>
        <source>Open the case of the selected export</source>
        <translation>Open the case of the selected export</translation>
    </message>
    <message>
        <source>Save the export again</source>
        <translation>Save the export again</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Writing…</translation>
    </message>
    <message>
        <source>Saved again: %1 — the same file as exported (SHA-256 %2)</source>
        <translation>Saved again: %1 — the same file as exported (SHA-256 %2)</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>e.g. 010-0000-0000</source>
        <translation>e.g. 010-0000-0000</translation>
    </message>
    <message>
        <source>e.g. name@example.org</source>
        <translation>e.g. name@example.org</translation>
    </message>
    <message>
        <source>date</source>
        <translation>date</translation>
    </message>
    <message>
        <source>time</source>
        <translation>time</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>e.g. 2011-03-04</source>
        <translation>e.g. 2011-03-04</translation>
    </message>
    <message>
        <source>Open the calendar (Alt+Down)</source>
        <translation>Open the calendar (Alt+Down)</translation>
    </message>
    <message>
        <source>Open the calendar</source>
        <translation>Open the calendar</translation>
    </message>
    <message>
        <source>Clear the date (Delete)</source>
        <translation>Clear the date (Delete)</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>Clear the date</translation>
    </message>
    <message>
        <source>“%1” is not a date. Type it like 2011-03-04, 2011.3.4 or 20110304.</source>
        <translation>“%1” is not a date. Type it like 2011-03-04, 2011.3.4 or 20110304.</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>This field holds at most %1 characters; what went past that was not kept.</source>
        <translation>This field holds at most %1 characters; what went past that was not kept.</translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <source>required</source>
        <translation>required</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>hidden — click to show</source>
        <translation>hidden — click to show</translation>
    </message>
    <message>
        <source>%1: hidden, press to show</source>
        <translation>%1: hidden, press to show</translation>
    </message>
</context>
<context>
    <name>FileFieldEditor</name>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <source>Add file</source>
        <translation>Add file</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove the selected file</source>
        <translation>Remove the selected file</translation>
    </message>
    <message>
        <source>or drop files here</source>
        <translation>or drop files here</translation>
    </message>
    <message>
        <source>to be added when saved</source>
        <translation>to be added when saved</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>Add files</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Clear the signature</source>
        <translation>Clear the signature</translation>
    </message>
    <message>
        <source>Use a photo or scan…</source>
        <translation>Use a photo or scan…</translation>
    </message>
    <message>
        <source>Use a photo or scan of the signed paper</source>
        <translation>Use a photo or scan of the signed paper</translation>
    </message>
    <message>
        <source>Signature pad: sign with the mouse, pen or finger</source>
        <translation>Signature pad: sign with the mouse, pen or finger</translation>
    </message>
    <message>
        <source>Photo/scan to be stored: %1</source>
        <translation>Photo/scan to be stored: %1</translation>
    </message>
    <message>
        <source>Drawn signature — stored when the record is saved.</source>
        <translation>Drawn signature — stored when the record is saved.</translation>
    </message>
    <message>
        <source>Signed: stored in the vault (%1). Sign again to replace it.</source>
        <translation>Signed: stored in the vault (%1). Sign again to replace it.</translation>
    </message>
    <message>
        <source>Not signed yet.</source>
        <translation>Not signed yet.</translation>
    </message>
    <message>
        <source>Photo or scan of the signature</source>
        <translation>Photo or scan of the signature</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>Donghaeng — new account</source>
        <translation>Donghaeng — new account</translation>
    </message>
    <message>
        <source>Welcome to Donghaeng</source>
        <translation>Welcome to Donghaeng</translation>
    </message>
    <message>
        <source>Donghaeng keeps your case records on this laptop, encrypted. Your passphrase is the only key: it protects every record, consent and attachment if the laptop is lost or someone else uses it.</source>
        <translation>Donghaeng keeps your case records on this laptop, encrypted. Your passphrase is the only key: it protects every record, consent and attachment if the laptop is lost or someone else uses it.</translation>
    </message>
    <message>
        <source>There is no way to recover a forgotten passphrase yet — not by the center, not by us. Choose several words you will remember, and do not write it on the laptop.</source>
        <translation>There is no way to recover a forgotten passphrase yet — not by the center, not by us. Choose several words you will remember, and do not write it on the laptop.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>Your &amp;name</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Passphrase</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Strength</translation>
    </message>
    <message>
        <source>&amp;Repeat passphrase</source>
        <translation>&amp;Repeat passphrase</translation>
    </message>
    <message>
        <source>&amp;Show the passphrase</source>
        <translation>&amp;Show the passphrase</translation>
    </message>
    <message>
        <source>&amp;Back to sign in</source>
        <translation>&amp;Back to sign in</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>&amp;Create account</translation>
    </message>
    <message>
        <source>e.g. Kim Minji</source>
        <translation>e.g. Kim Minji</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Your name</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Passphrase strength</translation>
    </message>
    <message>
        <source>Show the passphrase</source>
        <translation>Show the passphrase</translation>
    </message>
    <message>
        <source>Back to sign in</source>
        <translation>Back to sign in</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Create account</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>Enter your name.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>The two passphrases are not the same.</translation>
    </message>
    <message>
        <source>Creating the encrypted vault — this takes a few seconds…</source>
        <translation>Creating the encrypted vault — this takes a few seconds…</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <source>not known yet</source>
        <translation>not known yet</translation>
    </message>
</context>
<context>
    <name>GroupEditor</name>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove %1 %2</source>
        <translation>Remove %1 %2</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Add %1</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Hand over all cases of a worker</source>
        <translation>Hand over all cases of a worker</translation>
    </message>
    <message>
        <source>Every case the first worker wrote is shared with the second (a worker leaving): their laptops receive them at their next sync.</source>
        <translation>Every case the first worker wrote is shared with the second (a worker leaving): their laptops receive them at their next sync.</translation>
    </message>
    <message>
        <source>Worker whose cases are handed over</source>
        <translation>Worker whose cases are handed over</translation>
    </message>
    <message>
        <source>Worker taking the cases over</source>
        <translation>Worker taking the cases over</translation>
    </message>
    <message>
        <source>&amp;Hand over</source>
        <translation>&amp;Hand over</translation>
    </message>
    <message>
        <source>Name both workers.</source>
        <translation>Name both workers.</translation>
    </message>
    <message>
        <source>Asking the server for %1's laptops…</source>
        <translation>Asking the server for %1's laptops…</translation>
    </message>
    <message>
        <source>%1 case(s) of %2 handed over to %3; they go with the next sync.</source>
        <translation>%1 case(s) of %2 handed over to %3; they go with the next sync.</translation>
    </message>
    <message>
        <source>&amp;Leaving worker</source>
        <translation>&amp;Leaving worker</translation>
    </message>
    <message>
        <source>&amp;New worker</source>
        <translation>&amp;New worker</translation>
    </message>
</context>
<context>
    <name>ImagePreview</name>
    <message>
        <source>Preview: %1</source>
        <translation>Preview: %1</translation>
    </message>
    <message>
        <source>Image %1</source>
        <translation>Image %1</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>This file is too large to preview.</source>
        <translation>This file is too large to preview.</translation>
    </message>
    <message>
        <source>Only images can be previewed. The file stays in the vault.</source>
        <translation>Only images can be previewed. The file stays in the vault.</translation>
    </message>
    <message>
        <source>This image cannot be shown.</source>
        <translation>This image cannot be shown.</translation>
    </message>
</context>
<context>
    <name>ImportKeyDialog</name>
    <message>
        <source>Import the organisation key</source>
        <translation>Import the organisation key</translation>
    </message>
    <message>
        <source>On the center's desk only: the organisation's sealing key (sealing.key in the folder `server init` wrote) opens every worker's records. It is kept inside this vault; the file can then go back to its safe place.</source>
        <translation>On the center's desk only: the organisation's sealing key (sealing.key in the folder `server init` wrote) opens every worker's records. It is kept inside this vault; the file can then go back to its safe place.</translation>
    </message>
    <message>
        <source>&amp;Key file</source>
        <translation>&amp;Key file</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Key file</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Choose the key file</source>
        <translation>Choose the key file</translation>
    </message>
    <message>
        <source>Key file &amp;passphrase</source>
        <translation>Key file &amp;passphrase</translation>
    </message>
    <message>
        <source>Passphrase of the key file</source>
        <translation>Passphrase of the key file</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>The organisation's sealing key</source>
        <translation>The organisation's sealing key</translation>
    </message>
    <message>
        <source>Choose the key file.</source>
        <translation>Choose the key file.</translation>
    </message>
    <message>
        <source>Opening the key file…</source>
        <translation>Opening the key file…</translation>
    </message>
    <message>
        <source>Imported the organisation key %1: this desk now opens every record it receives.</source>
        <translation>Imported the organisation key %1: this desk now opens every record it receives.</translation>
    </message>
</context>
<context>
    <name>LeaseGate</name>
    <message>
        <source>The online check did not succeed: %1</source>
        <translation>The online check did not succeed: %1</translation>
    </message>
    <message>
        <source>The center's policy: this laptop has not reached the center's server for over %1 day(s), so it opens only after an online check. Connect to the network and check with the center (a supervisor's recovery does not exist yet).</source>
        <translation>The center's policy: this laptop has not reached the center's server for over %1 day(s), so it opens only after an online check. Connect to the network and check with the center (a supervisor's recovery does not exist yet).</translation>
    </message>
    <message>
        <source>Donghaeng</source>
        <translation>Donghaeng</translation>
    </message>
    <message>
        <source>The center's policy: connect within %1 day(s) or this laptop will need an online check to open.</source>
        <translation>The center's policy: connect within %1 day(s) or this laptop will need an online check to open.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Workers</source>
        <translation>Workers</translation>
    </message>
    <message>
        <source>Donghaeng — %1</source>
        <translation>Donghaeng — %1</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>New case (Ctrl+N)</source>
        <translation>New case (Ctrl+N)</translation>
    </message>
    <message>
        <source>Quick outreach log</source>
        <translation>Quick outreach log</translation>
    </message>
    <message>
        <source>Log an outreach contact (Ctrl+Shift+O)</source>
        <translation>Log an outreach contact (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Search cases (Ctrl+F)</source>
        <translation>Search cases (Ctrl+F)</translation>
    </message>
    <message>
        <source>Privacy mode</source>
        <translation>Privacy mode</translation>
    </message>
    <message>
        <source>Hide names, phone numbers and addresses until clicked (Ctrl+Shift+P)</source>
        <translation>Hide names, phone numbers and addresses until clicked (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>Lock now (Ctrl+L). Panic: Ctrl+Shift+L or Esc twice</source>
        <translation>Lock now (Ctrl+L). Panic: Ctrl+Shift+L or Esc twice</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>Outreach</source>
        <translation>Outreach</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>My figures</source>
        <translation>My figures</translation>
    </message>
    <message>
        <source>Verify PDF</source>
        <translation>Verify PDF</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Purge requests</source>
        <translation>Purge requests</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sections</translation>
    </message>
    <message>
        <source>Main actions</source>
        <translation>Main actions</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>Signed in: %1</translation>
    </message>
    <message>
        <source>%1 unfinished draft(s) were kept from your last session. Open the latest one now?</source>
        <translation>%1 unfinished draft(s) were kept from your last session. Open the latest one now?</translation>
    </message>
    <message>
        <source>Unfinished drafts</source>
        <translation>Unfinished drafts</translation>
    </message>
    <message>
        <source>Open draft</source>
        <translation>Open draft</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
</context>
<context>
    <name>MergeView</name>
    <message>
        <source>Merge the versions of %1</source>
        <translation>Merge the versions of %1</translation>
    </message>
    <message>
        <source>This record was changed in %1 places separately. Fields changed on one side only are taken; where both sides changed a field, choose which value to keep or edit it. Closing keeps every version as it is.</source>
        <translation>This record was changed in %1 places separately. Fields changed on one side only are taken; where both sides changed a field, choose which value to keep or edit it. Closing keeps every version as it is.</translation>
    </message>
    <message>
        <source>Show unchanged fields</source>
        <translation>Show unchanged fields</translation>
    </message>
    <message>
        <source>Close without merging</source>
        <translation>Close without merging</translation>
    </message>
    <message>
        <source>Every version stays as it is; the choices made so far are kept for next time</source>
        <translation>Every version stays as it is; the choices made so far are kept for next time</translation>
    </message>
    <message>
        <source>&amp;Save merge</source>
        <translation>&amp;Save merge</translation>
    </message>
    <message>
        <source>Save the merged record as a new version</source>
        <translation>Save the merged record as a new version</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2, %3</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Common version</source>
        <translation>Common version</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>taken from %1</source>
        <translation>taken from %1</translation>
    </message>
    <message>
        <source>same change on %1: taken</source>
        <translation>same change on %1: taken</translation>
    </message>
    <message>
        <source>choose:</source>
        <translation>choose:</translation>
    </message>
    <message>
        <source>keep %1</source>
        <translation>keep %1</translation>
    </message>
    <message>
        <source>%1: keep %2</source>
        <translation>%1: keep %2</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>edit</translation>
    </message>
    <message>
        <source>%1: edit the value</source>
        <translation>%1: edit the value</translation>
    </message>
    <message>
        <source>%1: merged value</source>
        <translation>%1: merged value</translation>
    </message>
    <message>
        <source>Reading the versions…</source>
        <translation>Reading the versions…</translation>
    </message>
    <message>
        <source>%1 of %2 choices made · %3 fields taken from one side</source>
        <translation>%1 of %2 choices made · %3 fields taken from one side</translation>
    </message>
    <message>
        <source>chosen:</source>
        <translation>chosen:</translation>
    </message>
    <message>
        <source>The merge could not be saved.</source>
        <translation>The merge could not be saved.</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <source>No frame hashes: the video add-on is not installed.</source>
        <translation>No frame hashes: the video add-on is not installed.</translation>
    </message>
    <message>
        <source>hash only</source>
        <translation>hash only</translation>
    </message>
    <message>
        <source>vPDQ: %1 frames</source>
        <translation>vPDQ: %1 frames</translation>
    </message>
    <message>
        <source>Hash only: the file itself was not kept.</source>
        <translation>Hash only: the file itself was not kept.</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflict</translation>
    </message>
    <message>
        <source>%1, conflict: versions to merge</source>
        <translation>%1, conflict: versions to merge</translation>
    </message>
    <message>
        <source>A record of this case was changed in two places: open the case and choose Resolve to merge the versions</source>
        <translation>A record of this case was changed in two places: open the case and choose Resolve to merge the versions</translation>
    </message>
    <message>
        <source>%1 versions saved separately: select the record and choose Resolve</source>
        <translation>%1 versions saved separately: select the record and choose Resolve</translation>
    </message>
    <message>
        <source>conflict: %1 versions</source>
        <translation>conflict: %1 versions</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Last change</translation>
    </message>
    <message>
        <source>Crime types</source>
        <translation>Crime types</translation>
    </message>
    <message>
        <source>Support areas</source>
        <translation>Support areas</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>original</source>
        <translation>original</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 (overdue)</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Next contact</source>
        <translation>Next contact</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>hidden (privacy mode)</source>
        <translation>hidden (privacy mode)</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Send a note to the worker</source>
        <translation>Send a note to the worker</translation>
    </message>
    <message>
        <source>A note about case %1, sealed to the worker named here alone; they see it on the case and in their notes.</source>
        <translation>A note about case %1, sealed to the worker named here alone; they see it on the case and in their notes.</translation>
    </message>
    <message>
        <source>Worker the note is for</source>
        <translation>Worker the note is for</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Text of the note</source>
        <translation>Text of the note</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <source>%1 of %2 characters</source>
        <translation>%1 of %2 characters</translation>
    </message>
    <message>
        <source>Name the worker the note is for.</source>
        <translation>Name the worker the note is for.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Saved; it goes to %1 with the next sync.</source>
        <translation>Saved; it goes to %1 with the next sync.</translation>
    </message>
    <message>
        <source>&amp;Recipient</source>
        <translation>&amp;Recipient</translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message>
        <source>Notes from the center</source>
        <translation>Notes from the center</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>From → to</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>No notes. When the center writes to you about a case, the note appears here and on the case.</source>
        <translation>No notes. When the center writes to you about a case, the note appears here and on the case.</translation>
    </message>
    <message>
        <source>%1 note(s), %2 unread (%3). Click one to open its case; opening the case marks its notes read.</source>
        <translation>%1 note(s), %2 unread (%3). Click one to open its case; opening the case marks its notes read.</translation>
    </message>
    <message>
        <source>%1 (not on this laptop)</source>
        <translation>%1 (not on this laptop)</translation>
    </message>
</context>
<context>
    <name>OutreachView</name>
    <message>
        <source>Outreach and prevention</source>
        <translation>Outreach and prevention</translation>
    </message>
    <message>
        <source>New outreach &amp;contact (Ctrl+Shift+O)</source>
        <translation>New outreach &amp;contact (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>New outreach contact</source>
        <translation>New outreach contact</translation>
    </message>
    <message>
        <source>New prevention c&amp;lass</source>
        <translation>New prevention c&amp;lass</translation>
    </message>
    <message>
        <source>New prevention class</source>
        <translation>New prevention class</translation>
    </message>
    <message>
        <source>Outreach contacts and prevention classes</source>
        <translation>Outreach contacts and prevention classes</translation>
    </message>
    <message>
        <source>Remembered from your last contact — change it if you have moved.</source>
        <translation>Remembered from your last contact — change it if you have moved.</translation>
    </message>
</context>
<context>
    <name>PurgeRequestsView</name>
    <message>
        <source>Purge requests</source>
        <translation>Purge requests</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>&amp;Purge this case everywhere…</source>
        <translation>&amp;Purge this case everywhere…</translation>
    </message>
    <message>
        <source>Purge the selected case on the server and on every laptop</source>
        <translation>Purge the selected case on the server and on every laptop</translation>
    </message>
    <message>
        <source>No purge request is waiting.</source>
        <translation>No purge request is waiting.</translation>
    </message>
    <message>
        <source>Each worker below purged a case on their laptop and asks the center to destroy it everywhere. Until the center does, the server and other laptops keep it.</source>
        <translation>Each worker below purged a case on their laptop and asks the center to destroy it everywhere. Until the center does, the server and other laptops keep it.</translation>
    </message>
    <message>
        <source>Purge this case everywhere</source>
        <translation>Purge this case everywhere</translation>
    </message>
    <message>
        <source>Why is case %1 purged? (the worker's reason; kept in the audit log)</source>
        <translation>Why is case %1 purged? (the worker's reason; kept in the audit log)</translation>
    </message>
    <message>
        <source>Case %1 is destroyed on this desk now, then on the server and on every laptop holding it at their next sync. This cannot be undone.</source>
        <translation>Case %1 is destroyed on this desk now, then on the server and on every laptop holding it at their next sync. This cannot be undone.</translation>
    </message>
    <message>
        <source>Purge everywhere</source>
        <translation>Purge everywhere</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Purging %1…</source>
        <translation>Purging %1…</translation>
    </message>
    <message>
        <source>%1 purged here; the order goes with the next sync.</source>
        <translation>%1 purged here; the order goes with the next sync.</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>(editing: new version)</source>
        <translation>(editing: new version)</translation>
    </message>
    <message>
        <source>&amp;Privacy mode</source>
        <translation>&amp;Privacy mode</translation>
    </message>
    <message>
        <source>Hide names, phone numbers and addresses on screen until clicked</source>
        <translation>Hide names, phone numbers and addresses on screen until clicked</translation>
    </message>
    <message>
        <source>Privacy mode</source>
        <translation>Privacy mode</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Save &amp;draft</source>
        <translation>Save &amp;draft</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <source>&amp;Finalise (Ctrl+Enter)</source>
        <translation>&amp;Finalise (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Finalise and save the record</source>
        <translation>Finalise and save the record</translation>
    </message>
    <message>
        <source>Draft saved at %1</source>
        <translation>Draft saved at %1</translation>
    </message>
    <message>
        <source>Checking and saving…</source>
        <translation>Checking and saving…</translation>
    </message>
    <message>
        <source>Not saved: %1 problem(s) to fix — see the marked fields.</source>
        <translation>Not saved: %1 problem(s) to fix — see the marked fields.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>Remove file</translation>
    </message>
    <message>
        <source>Remove this file from the record? It stays in the audit trail as removed.</source>
        <translation>Remove this file from the record? It stays in the audit trail as removed.</translation>
    </message>
    <message>
        <source>Close the form</source>
        <translation>Close the form</translation>
    </message>
    <message>
        <source>What you typed in this form is not finalised. Keep it as a draft to finish later, or discard it?</source>
        <translation>What you typed in this form is not finalised. Keep it as a draft to finish later, or discard it?</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <source>&amp;Keep draft</source>
        <translation>&amp;Keep draft</translation>
    </message>
</context>
<context>
    <name>RecordPrefill</name>
    <message>
        <source>From the case's intake — check it with the person.</source>
        <translation>From the case's intake — check it with the person.</translation>
    </message>
    <message>
        <source>From the case's last consent — check it is still right.</source>
        <translation>From the case's last consent — check it is still right.</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>hidden — click to show</source>
        <translation>hidden — click to show</translation>
    </message>
    <message>
        <source>%1: hidden, press to show</source>
        <translation>%1: hidden, press to show</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copy %1</translation>
    </message>
    <message>
        <source>Signed (%1)</source>
        <translation>Signed (%1)</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Reset a forgotten passphrase</source>
        <translation>Reset a forgotten passphrase</translation>
    </message>
    <message>
        <source>Account: %1
A supervisor opens the center's recovery key here; then the worker chooses a new passphrase. Records stay as they are.</source>
        <translation>Account: %1
A supervisor opens the center's recovery key here; then the worker chooses a new passphrase. Records stay as they are.</translation>
    </message>
    <message>
        <source>Recovery key file</source>
        <translation>Recovery key file</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoose…</translation>
    </message>
    <message>
        <source>Choose the recovery key file</source>
        <translation>Choose the recovery key file</translation>
    </message>
    <message>
        <source>Recovery &amp;key file</source>
        <translation>Recovery &amp;key file</translation>
    </message>
    <message>
        <source>Key file &amp;passphrase</source>
        <translation>Key file &amp;passphrase</translation>
    </message>
    <message>
        <source>Key file passphrase</source>
        <translation>Key file passphrase</translation>
    </message>
    <message>
        <source>The worker chooses a new passphrase:</source>
        <translation>The worker chooses a new passphrase:</translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation>&amp;New passphrase</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>&amp;Repeat the new passphrase</source>
        <translation>&amp;Repeat the new passphrase</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Repeat the new passphrase</translation>
    </message>
    <message>
        <source>Choose the recovery key file.</source>
        <translation>Choose the recovery key file.</translation>
    </message>
    <message>
        <source>Enter the key file's passphrase.</source>
        <translation>Enter the key file's passphrase.</translation>
    </message>
    <message>
        <source>The new passphrases differ.</source>
        <translation>The new passphrases differ.</translation>
    </message>
    <message>
        <source>Opening the key and resetting the passphrase…</source>
        <translation>Opening the key and resetting the passphrase…</translation>
    </message>
    <message>
        <source>Passphrase reset. Unlock with the new passphrase; the center is told at the next sync.</source>
        <translation>Passphrase reset. Unlock with the new passphrase; the center is told at the next sync.</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Case code &amp;prefix</source>
        <translation>Case code &amp;prefix</translation>
    </message>
    <message>
        <source>Case code prefix</source>
        <translation>Case code prefix</translation>
    </message>
    <message>
        <source>2 to 8 letters, digits or Hangul; new case codes start with it</source>
        <translation>2 to 8 letters, digits or Hangul; new case codes start with it</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Not saved.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Lock after &amp;idle minutes</source>
        <translation>Lock after &amp;idle minutes</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>Lock after idle minutes</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>&amp;Privacy mode on by default (names, phone numbers and addresses hidden until clicked)</source>
        <translation>&amp;Privacy mode on by default (names, phone numbers and addresses hidden until clicked)</translation>
    </message>
    <message>
        <source>Privacy mode on by default</source>
        <translation>Privacy mode on by default</translation>
    </message>
    <message>
        <source>On a &amp;metered network, files over</source>
        <translation>On a &amp;metered network, files over</translation>
    </message>
    <message>
        <source>MB wait for Wi-Fi</source>
        <translation>MB wait for Wi-Fi</translation>
    </message>
    <message>
        <source>On a metered network, files over this many MB wait for Wi-Fi</source>
        <translation>On a metered network, files over this many MB wait for Wi-Fi</translation>
    </message>
    <message>
        <source>A phone hotspot is metered: larger files are sent on Wi-Fi, or when you press Send now</source>
        <translation>A phone hotspot is metered: larger files are sent on Wi-Fi, or when you press Send now</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>&amp;Save settings</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>Sync with the center</source>
        <translation>Sync with the center</translation>
    </message>
    <message>
        <source>C&amp;onnect to the center's server…</source>
        <translation>C&amp;onnect to the center's server…</translation>
    </message>
    <message>
        <source>Connect to the center's server</source>
        <translation>Connect to the center's server</translation>
    </message>
    <message>
        <source>S&amp;ync history</source>
        <translation>S&amp;ync history</translation>
    </message>
    <message>
        <source>Sync history</source>
        <translation>Sync history</translation>
    </message>
    <message>
        <source>Import the organisation &amp;key…</source>
        <translation>Import the organisation &amp;key…</translation>
    </message>
    <message>
        <source>Import the organisation key (the center's desk)</source>
        <translation>Import the organisation key (the center's desk)</translation>
    </message>
    <message>
        <source>sleep (logind)</source>
        <translation>sleep (logind)</translation>
    </message>
    <message>
        <source>session lock (logind)</source>
        <translation>session lock (logind)</translation>
    </message>
    <message>
        <source>screen saver</source>
        <translation>screen saver</translation>
    </message>
    <message>
        <source>GNOME screen saver</source>
        <translation>GNOME screen saver</translation>
    </message>
    <message>
        <source>Windows session lock</source>
        <translation>Windows session lock</translation>
    </message>
    <message>
        <source>Windows sleep</source>
        <translation>Windows sleep</translation>
    </message>
    <message>
        <source>hidden from screenshots and screen sharing</source>
        <translation>hidden from screenshots and screen sharing</translation>
    </message>
    <message>
        <source>shown black in screenshots and screen sharing</source>
        <translation>shown black in screenshots and screen sharing</translation>
    </message>
    <message>
        <source>Safety:</source>
        <translation>Safety:</translation>
    </message>
    <message>
        <source>• Panic: Ctrl+Shift+L or Esc twice — saves, locks and hides at once.</source>
        <translation>• Panic: Ctrl+Shift+L or Esc twice — saves, locks and hides at once.</translation>
    </message>
    <message>
        <source>• Locks when the screen locks or the computer sleeps: %1</source>
        <translation>• Locks when the screen locks or the computer sleeps: %1</translation>
    </message>
    <message>
        <source>not reported by this system (idle lock still works)</source>
        <translation>not reported by this system (idle lock still works)</translation>
    </message>
    <message>
        <source>• Screen capture: %1</source>
        <translation>• Screen capture: %1</translation>
    </message>
    <message>
        <source>this system cannot keep the window out of screenshots — mind screen sharing</source>
        <translation>this system cannot keep the window out of screenshots — mind screen sharing</translation>
    </message>
    <message>
        <source>Sync is off: this laptop is not connected to the center's server. Everything works and stays on this laptop.</source>
        <translation>Sync is off: this laptop is not connected to the center's server. Everything works and stays on this laptop.</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Worker: %1</source>
        <translation>Worker: %1</translation>
    </message>
    <message>
        <source>This laptop's fingerprint: %1</source>
        <translation>This laptop's fingerprint: %1</translation>
    </message>
    <message>
        <source>Connected since %1</source>
        <translation>Connected since %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>&amp;Back up…</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>&amp;Restore a backup…</translation>
    </message>
    <message>
        <source>Back up the vault to a file</source>
        <translation>Back up the vault to a file</translation>
    </message>
    <message>
        <source>C&amp;hange passphrase…</source>
        <translation>C&amp;hange passphrase…</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>Vault</source>
        <translation>Vault</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Share with a worker</source>
        <translation>Share with a worker</translation>
    </message>
    <message>
        <source>The worker named here receives case %1, with every earlier version, at their next sync.</source>
        <translation>The worker named here receives case %1, with every earlier version, at their next sync.</translation>
    </message>
    <message>
        <source>Worker to share the case with</source>
        <translation>Worker to share the case with</translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation>&amp;Share</translation>
    </message>
    <message>
        <source>Name the worker.</source>
        <translation>Name the worker.</translation>
    </message>
    <message>
        <source>Asking the server for %1's laptops…</source>
        <translation>Asking the server for %1's laptops…</translation>
    </message>
    <message>
        <source>Shared with %1; it goes with the next sync.</source>
        <translation>Shared with %1; it goes with the next sync.</translation>
    </message>
    <message>
        <source>Worker &amp;name</source>
        <translation>Worker &amp;name</translation>
    </message>
</context>
<context>
    <name>SyncArea</name>
    <message>
        <source>Donghaeng</source>
        <translation>Donghaeng</translation>
    </message>
</context>
<context>
    <name>SyncHistoryView</name>
    <message>
        <source>Sync history</source>
        <translation>Sync history</translation>
    </message>
    <message>
        <source>Sync rounds</source>
        <translation>Sync rounds</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Files sent</source>
        <translation>Files sent</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>No sync round yet.</source>
        <translation>No sync round yet.</translation>
    </message>
    <message>
        <source>The last %1 rounds, newest first. Nothing that failed is lost: it is sent at the next round.</source>
        <translation>The last %1 rounds, newest first. Nothing that failed is lost: it is sent at the next round.</translation>
    </message>
    <message>
        <source>%1 change(s)</source>
        <translation>%1 change(s)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>No connection (kept on this laptop, sent later)</source>
        <translation>No connection (kept on this laptop, sent later)</translation>
    </message>
    <message>
        <source>The server refused this laptop: ask the center</source>
        <translation>The server refused this laptop: ask the center</translation>
    </message>
    <message>
        <source>The server's key did not match: ask the center</source>
        <translation>The server's key did not match: ask the center</translation>
    </message>
    <message>
        <source>This version of Donghaeng is too old for the server</source>
        <translation>This version of Donghaeng is too old for the server</translation>
    </message>
    <message>
        <source>Server error (tried again later)</source>
        <translation>Server error (tried again later)</translation>
    </message>
    <message>
        <source>The answer did not come from the server (a Wi-Fi login page?)</source>
        <translation>The answer did not come from the server (a Wi-Fi login page?)</translation>
    </message>
    <message>
        <source>Stopped: the laptop was locked or the app closed</source>
        <translation>Stopped: the laptop was locked or the app closed</translation>
    </message>
    <message>
        <source>Wiped on the center's order</source>
        <translation>Wiped on the center's order</translation>
    </message>
    <message>
        <source>Failed (%1)</source>
        <translation>Failed (%1)</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Send and receive now (Ctrl+Shift+S)</source>
        <translation>Send and receive now (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Sync history: each round, what went and came</source>
        <translation>Sync history: each round, what went and came</translation>
    </message>
    <message>
        <source>Sync history</source>
        <translation>Sync history</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Send now</translation>
    </message>
    <message>
        <source>Send the large files over this metered network, this time</source>
        <translation>Send the large files over this metered network, this time</translation>
    </message>
    <message>
        <source>Send the files waiting for Wi-Fi now</source>
        <translation>Send the files waiting for Wi-Fi now</translation>
    </message>
    <message>
        <source>Sync: checking…</source>
        <translation>Sync: checking…</translation>
    </message>
    <message>
        <source>Sync off (not enrolled)</source>
        <translation>Sync off (not enrolled)</translation>
    </message>
    <message>
        <source>Sending %1 of %2</source>
        <translation>Sending %1 of %2</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>No connection — everything is kept on this laptop</source>
        <translation>No connection — everything is kept on this laptop</translation>
    </message>
    <message>
        <source>The server refused this laptop: ask the center</source>
        <translation>The server refused this laptop: ask the center</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <source>%1 change(s)</source>
        <translation>%1 change(s)</translation>
    </message>
    <message>
        <source>%1 file(s) (%2)</source>
        <translation>%1 file(s) (%2)</translation>
    </message>
    <message>
        <source>%1 and %2 waiting</source>
        <translation>%1 and %2 waiting</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 waiting</translation>
    </message>
    <message>
        <source>%1 file(s) (%2) wait for Wi-Fi</source>
        <translation>%1 file(s) (%2) wait for Wi-Fi</translation>
    </message>
    <message>
        <source>The center's policy: connect within %1 day(s) or this laptop will need an online check to open</source>
        <translation>The center's policy: connect within %1 day(s) or this laptop will need an online check to open</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Last synced %1</translation>
    </message>
    <message>
        <source>Never synced yet</source>
        <translation>Never synced yet</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Due today and overdue</source>
        <translation>Due today and overdue</translation>
    </message>
    <message>
        <source>Loading the cases…</source>
        <translation>Loading the cases…</translation>
    </message>
    <message>
        <source>Next contacts and support-plan reviews due today or earlier, in open cases; overdue first. Open a row to go to its case.</source>
        <translation>Next contacts and support-plan reviews due today or earlier, in open cases; overdue first. Open a row to go to its case.</translation>
    </message>
    <message>
        <source>Nothing is due today.</source>
        <translation>Nothing is due today.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>Donghaeng — locked</source>
        <translation>Donghaeng — locked</translation>
    </message>
    <message>
        <source>Donghaeng is locked</source>
        <translation>Donghaeng is locked</translation>
    </message>
    <message>
        <source>Choose your account and enter your passphrase.</source>
        <translation>Choose your account and enter your passphrase.</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Passphrase</translation>
    </message>
    <message>
        <source>&amp;New account…</source>
        <translation>&amp;New account…</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>&amp;Check with the center now</source>
        <translation>&amp;Check with the center now</translation>
    </message>
    <message>
        <source>Check with the center now</source>
        <translation>Check with the center now</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Unlocking…</translation>
    </message>
    <message>
        <source>There is no account on this laptop yet.</source>
        <translation>There is no account on this laptop yet.</translation>
    </message>
    <message>
        <source>Enter your passphrase.</source>
        <translation>Enter your passphrase.</translation>
    </message>
    <message>
        <source>Passphrase &amp;forgotten? (supervisor recovery)</source>
        <translation>Passphrase &amp;forgotten? (supervisor recovery)</translation>
    </message>
    <message>
        <source>Passphrase forgotten? (supervisor recovery)</source>
        <translation>Passphrase forgotten? (supervisor recovery)</translation>
    </message>
    <message>
        <source>Passphrase reset with the recovery key. Unlock with the new passphrase.</source>
        <translation>Passphrase reset with the recovery key. Unlock with the new passphrase.</translation>
    </message>
</context>
<context>
    <name>VaultDialogs</name>
    <message>
        <source>&amp;Current passphrase</source>
        <translation>&amp;Current passphrase</translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation>&amp;New passphrase</translation>
    </message>
    <message>
        <source>&amp;Passphrase of the backup</source>
        <translation>&amp;Passphrase of the backup</translation>
    </message>
    <message>
        <source>&amp;Repeat the new passphrase</source>
        <translation>&amp;Repeat the new passphrase</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Backup written: %1
It is encrypted with this vault's passphrase; keep it away from this laptop.</source>
        <translation>Backup written: %1
It is encrypted with this vault's passphrase; keep it away from this laptop.</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <source>Changing the passphrase…</source>
        <translation>Changing the passphrase…</translation>
    </message>
    <message>
        <source>Checking and restoring the backup…</source>
        <translation>Checking and restoring the backup…</translation>
    </message>
    <message>
        <source>Choose a backup file</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Current passphrase</translation>
    </message>
    <message>
        <source>Enter the backup's passphrase.</source>
        <translation>Enter the backup's passphrase.</translation>
    </message>
    <message>
        <source>Enter the current passphrase.</source>
        <translation>Enter the current passphrase.</translation>
    </message>
    <message>
        <source>File: %1
The backup becomes the vault of the worker it belongs to; an existing vault is never overwritten.</source>
        <translation>File: %1
The backup becomes the vault of the worker it belongs to; an existing vault is never overwritten.</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>No such backup file: %1</source>
        <translation>No such backup file: %1</translation>
    </message>
    <message>
        <source>Only the key slot is rewritten: records stay as they are, and a crash leaves either passphrase working.</source>
        <translation>Only the key slot is rewritten: records stay as they are, and a crash leaves either passphrase working.</translation>
    </message>
    <message>
        <source>Passphrase changed. Use the new one from the next unlock.</source>
        <translation>Passphrase changed. Use the new one from the next unlock.</translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation>Passphrase of the backup</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Repeat the new passphrase</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>Restored. Lock, then choose the account in the unlock window to open it.</source>
        <translation>Restored. Lock, then choose the account in the unlock window to open it.</translation>
    </message>
    <message>
        <source>Save a backup of the vault</source>
        <translation>Save a backup of the vault</translation>
    </message>
    <message>
        <source>Something went wrong (%1). Nothing was changed.</source>
        <translation>Something went wrong (%1). Nothing was changed.</translation>
    </message>
    <message>
        <source>The new passphrase is the same as the current one.</source>
        <translation>The new passphrase is the same as the current one.</translation>
    </message>
    <message>
        <source>The new passphrases differ.</source>
        <translation>The new passphrases differ.</translation>
    </message>
    <message>
        <source>Writing the backup to %1…</source>
        <translation>Writing the backup to %1…</translation>
    </message>
</context>
<context>
    <name>VerifyView</name>
    <message>
        <source>Verify a signed PDF</source>
        <translation>Verify a signed PDF</translation>
    </message>
    <message>
        <source>&amp;Choose a PDF…</source>
        <translation>&amp;Choose a PDF…</translation>
    </message>
    <message>
        <source>Choose a PDF to verify</source>
        <translation>Choose a PDF to verify</translation>
    </message>
    <message>
        <source>Verification report</source>
        <translation>Verification report</translation>
    </message>
    <message>
        <source>Embedded files</source>
        <translation>Embedded files</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Matches</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>No file checked yet.</source>
        <translation>No file checked yet.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Cannot check this file.</source>
        <translation>Cannot check this file.</translation>
    </message>
    <message>
        <source>OK — unchanged since it was signed</source>
        <translation>OK — unchanged since it was signed</translation>
    </message>
    <message>
        <source>FAILED — do not rely on this file</source>
        <translation>FAILED — do not rely on this file</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>NO</translation>
    </message>
</context>
<context>
    <name>WorkersView</name>
    <message>
        <source>Workers</source>
        <translation>Workers</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Workers and their laptops</source>
        <translation>Workers and their laptops</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Laptops</source>
        <translation>Laptops</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>Waiting changes</source>
        <translation>Waiting changes</translation>
    </message>
    <message>
        <source>Waiting files</source>
        <translation>Waiting files</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>(no team)</source>
        <translation>(no team)</translation>
    </message>
    <message>
        <source>Records of this worker with two versions on the server: merge them in the case view</source>
        <translation>Records of this worker with two versions on the server: merge them in the case view</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <source>No worker has enrolled a laptop yet.</source>
        <translation>No worker has enrolled a laptop yet.</translation>
    </message>
    <message>
        <source>As of %1. Waiting counts are what each laptop reported after its last successful sync.</source>
        <translation>As of %1. Waiting counts are what each laptop reported after its last successful sync.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Passphrase recovered</source>
        <translation>Passphrase recovered</translation>
    </message>
    <message>
        <source>The passphrase of one of this worker's laptops was reset with the organisation's recovery key (the latest time; reported by the laptop at its next sync)</source>
        <translation>The passphrase of one of this worker's laptops was reset with the organisation's recovery key (the latest time; reported by the laptop at its next sync)</translation>
    </message>
</context>
<context>
    <name>TakedownPanel</name>
    <message>
        <source>Requested</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>Deletion requests (by date, newest first)</source>
        <translation>Deletion requests (by date, newest first)</translation>
    </message>
    <message>
        <source>Deletion requests of the case</source>
        <translation>Deletion requests of the case</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Requested from</source>
        <translation>Requested from</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Reference no.</source>
        <translation>Reference no.</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>%1 requests, %2 removed</source>
        <translation>%1 requests, %2 removed</translation>
    </message>
    <message>
        <source>%1 still to follow up (requested or re-uploaded)</source>
        <translation>%1 still to follow up (requested or re-uploaded)</translation>
    </message>
</context>
<context>
    <name>TakedownPacketDialog</name>
    <message>
        <source>Takedown packet for %1</source>
        <translation>Takedown packet for %1</translation>
    </message>
    <message>
        <source>Hash values, web addresses and dates of the case's evidence files, for one platform. No image, file name or case code.</source>
        <translation>Hash values, web addresses and dates of the case's evidence files, for one platform. No image, file name or case code.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Why the packet is needed without consent</source>
        <translation>Why the packet is needed without consent</translation>
    </message>
    <message>
        <source>&amp;Override reason</source>
        <translation>&amp;Override reason</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>Override reason</translation>
    </message>
    <message>
        <source>&amp;Platform</source>
        <translation>&amp;Platform</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>&amp;Save in</source>
        <translation>&amp;Save in</translation>
    </message>
    <message>
        <source>Folder to save in</source>
        <translation>Folder to save in</translation>
    </message>
    <message>
        <source>&amp;New folder</source>
        <translation>&amp;New folder</translation>
    </message>
    <message>
        <source>Name of the new folder</source>
        <translation>Name of the new folder</translation>
    </message>
    <message>
        <source>Choose the folder to save in</source>
        <translation>Choose the folder to save in</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Make packet</source>
        <translation>&amp;Make packet</translation>
    </message>
    <message>
        <source>Make the takedown packet</source>
        <translation>Make the takedown packet</translation>
    </message>
    <message>
        <source>No consent of this case allows sharing hash values with this platform. To make the packet anyway, write why (kept in the audit log).</source>
        <translation>No consent of this case allows sharing hash values with this platform. To make the packet anyway, write why (kept in the audit log).</translation>
    </message>
    <message>
        <source>Write a name for the new folder.</source>
        <translation>Write a name for the new folder.</translation>
    </message>
    <message>
        <source>Write why the packet is made without consent.</source>
        <translation>Write why the packet is made without consent.</translation>
    </message>
    <message>
        <source>Making the packet…</source>
        <translation>Making the packet…</translation>
    </message>
    <message>
        <source>Packet made: %1
%2 item(s), %3 file(s) hashed</source>
        <translation>Packet made: %1
%2 item(s), %3 file(s) hashed</translation>
    </message>
    <message>
        <source>Refused: no consent of this case allows sharing hash values with this platform.</source>
        <translation>Refused: no consent of this case allows sharing hash values with this platform.</translation>
    </message>
</context>
<context>
    <name>IntimateChoice</name>
    <message>
        <source>Show intimate images on the pages</source>
        <translation>Show intimate images on the pages</translation>
    </message>
    <message>
        <source>Why the recipient must see them in the document</source>
        <translation>Why the recipient must see them in the document</translation>
    </message>
    <message>
        <source>Reason for showing intimate images</source>
        <translation>Reason for showing intimate images</translation>
    </message>
    <message>
        <source>Write why to export: the reason is kept in the manifest and the audit log.</source>
        <translation>Write why to export: the reason is kept in the manifest and the audit log.</translation>
    </message>
</context>
</TS>