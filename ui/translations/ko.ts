<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AppController</name>
    <message>
        <source>Something went wrong (%1). Nothing was changed by the failed step.</source>
        <translation>문제가 생겼습니다 (%1). 실패한 단계는 아무것도 바꾸지 않았습니다.</translation>
    </message>
    <message>
        <source>Donghaeng</source>
        <translation>동행</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>Hashes &amp;only…</source>
        <translation>해시값만(&amp;O)…</translation>
    </message>
    <message>
        <source>Record only the hash values of files; the files are not kept</source>
        <translation>파일은 보관하지 않고 해시값만 기록</translation>
    </message>
    <message>
        <source>Hashes only</source>
        <translation>해시값만 보관</translation>
    </message>
    <message>
        <source>The files will not be kept, only their hash values. Note (optional, e.g. where the original is):</source>
        <translation>파일은 보관하지 않고 해시값만 기록합니다. 메모(선택, 예: 원본이 있는 곳):</translation>
    </message>
    <message>
        <source>Only the hash values were recorded; the files were not kept:
%1

Delete the original files from this computer now?

Note: on SSDs and flash drives deleting does not reliably destroy the data; the original may still be recoverable.</source>
        <translation>파일은 보관하지 않고 해시값만 기록했습니다:
%1

이 컴퓨터에서 원본 파일을 지금 삭제할까요?

주의: SSD와 USB 메모리에서는 삭제해도 데이터가 확실히 지워지지 않아 원본이 복구될 수 있습니다.</translation>
    </message>
    <message>
        <source>Only the hash values of this file were kept: there is nothing to show.</source>
        <translation>이 파일은 해시값만 보관했으므로 보여 줄 내용이 없습니다.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>파일 추가(&amp;A)…</translation>
    </message>
    <message>
        <source>Add files to the selected record</source>
        <translation>선택한 기록에 파일 추가</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>미리 보기(&amp;V)</translation>
    </message>
    <message>
        <source>Preview the selected image</source>
        <translation>선택한 이미지 미리 보기</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Remove the selected file</source>
        <translation>선택한 파일 제거</translation>
    </message>
    <message>
        <source>Files of this case</source>
        <translation>이 사례의 파일</translation>
    </message>
    <message>
        <source>Select a record in the timeline to add files to it.</source>
        <translation>파일을 추가하려면 타임라인에서 기록을 고르세요.</translation>
    </message>
    <message>
        <source>New files go to: %1. You can also drop files here.</source>
        <translation>새 파일은 여기에 추가됩니다: %1. 파일을 이곳에 끌어다 놓아도 됩니다.</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>파일 추가</translation>
    </message>
    <message>
        <source>Select a record in the timeline first: files belong to a record.</source>
        <translation>먼저 타임라인에서 기록을 고르세요: 파일은 기록에 속합니다.</translation>
    </message>
    <message>
        <source>Importing %1 file(s)…</source>
        <translation>파일 %1개를 가져오는 중…</translation>
    </message>
    <message>
        <source>Delete the original files?</source>
        <translation>원본 파일을 삭제할까요?</translation>
    </message>
    <message>
        <source>Stored in the vault, encrypted:
%1

Delete the original files from this computer now?

Note: on SSDs and flash drives deleting does not reliably destroy the data; the original may still be recoverable.</source>
        <translation>금고에 암호화하여 보관했습니다:
%1

이 컴퓨터에서 원본 파일을 지금 삭제할까요?

주의: SSD와 USB 메모리에서는 삭제해도 데이터가 확실히 지워지지 않아 원본이 복구될 수 있습니다.</translation>
    </message>
    <message>
        <source>Delete originals</source>
        <translation>원본 삭제</translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation>남겨 두기</translation>
    </message>
    <message>
        <source>These could not be deleted:
%1</source>
        <translation>다음 파일은 삭제하지 못했습니다:
%1</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>파일 제거</translation>
    </message>
    <message>
        <source>Remove %1 from the case? It stays in the audit trail as removed.</source>
        <translation>%1을(를) 사례에서 제거할까요? 감사 기록에는 제거된 것으로 남습니다.</translation>
    </message>
</context>
<context>
    <name>CaseCenter</name>
    <message>
        <source>Send a &amp;note to the worker…</source>
        <translation>활동가에게 메모 보내기(&amp;N)…</translation>
    </message>
    <message>
        <source>Send a note about this case to a worker</source>
        <translation>이 사례에 대해 활동가에게 메모 보내기</translation>
    </message>
    <message>
        <source>S&amp;hare with a worker…</source>
        <translation>활동가와 공유(&amp;H)…</translation>
    </message>
    <message>
        <source>Share this case with a worker</source>
        <translation>이 사례를 활동가와 공유</translation>
    </message>
    <message>
        <source>Hand over all cases of a worker…</source>
        <translation>활동가의 모든 사례 인계…</translation>
    </message>
    <message>
        <source>Hand over every case of a worker to another</source>
        <translation>한 활동가의 모든 사례를 다른 활동가에게 인계</translation>
    </message>
    <message>
        <source>Written by %1 — read-only on the center's desk</source>
        <translation>작성: %1 — 센터 데스크에서는 읽기 전용</translation>
    </message>
</context>
<context>
    <name>CaseNotesBlock</name>
    <message>
        <source>Notes sent about this case</source>
        <translation>이 사례에 대해 보낸 메모</translation>
    </message>
    <message>
        <source>From the center</source>
        <translation>센터에서 온 메모</translation>
    </message>
    <message>
        <source>new</source>
        <translation>새 메모</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Resol&amp;ve…</source>
        <translation>합치기(&amp;V)…</translation>
    </message>
    <message>
        <source>Resolve the conflict: merge the versions</source>
        <translation>충돌 해결: 버전 합치기</translation>
    </message>
    <message>
        <source>received versions waiting for an earlier one: %1</source>
        <translation>앞 버전을 기다리는 받은 버전: %1개</translation>
    </message>
    <message>
        <source>Conflict: %1 versions of this record were saved separately. Nothing is lost; merge them into one.</source>
        <translation>충돌: 이 기록의 버전 %1개가 따로 저장되었습니다. 잃은 것은 없습니다. 하나로 합치세요.</translation>
    </message>
    <message>
        <source>← &amp;Cases</source>
        <translation>← 사례(&amp;C)</translation>
    </message>
    <message>
        <source>Back to the cases list</source>
        <translation>사례 목록으로 돌아가기</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>사례 %1</translation>
    </message>
    <message>
        <source>New &amp;record</source>
        <translation>새 기록(&amp;R)</translation>
    </message>
    <message>
        <source>New record in this case</source>
        <translation>이 사례에 새 기록</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>PDF 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Export a signed PDF of this case</source>
        <translation>이 사례를 서명된 PDF로 내보내기</translation>
    </message>
    <message>
        <source>Timeline of the case</source>
        <translation>사례 타임라인</translation>
    </message>
    <message>
        <source>Version shown</source>
        <translation>표시 중인 버전</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>수정(&amp;E)</translation>
    </message>
    <message>
        <source>Edit: saves a new version</source>
        <translation>수정: 새 버전으로 저장</translation>
    </message>
    <message>
        <source>Editing saves a new version; earlier versions are kept</source>
        <translation>수정하면 새 버전으로 저장되고 이전 버전은 남습니다</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>삭제…</translation>
    </message>
    <message>
        <source>Delete the record (kept as a tombstone)</source>
        <translation>기록 삭제 (삭제 표시로 남음)</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>사례 종결</translation>
    </message>
    <message>
        <source>open</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>종결</translation>
    </message>
    <message>
        <source>%1 · opened %2</source>
        <translation>%1 · %2 개시</translation>
    </message>
    <message>
        <source>Reopen case</source>
        <translation>사례 다시 열기</translation>
    </message>
    <message>
        <source>No records yet: add one with New record.</source>
        <translation>아직 기록이 없습니다: 새 기록으로 추가하세요.</translation>
    </message>
    <message>
        <source>Version %1 of %2 — %3</source>
        <translation>버전 %1/%2 — %3</translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>기록 삭제</translation>
    </message>
    <message>
        <source>Why is this record deleted? (kept in the audit trail; the record stays as a tombstone)</source>
        <translation>이 기록을 삭제하는 이유는 무엇인가요? (감사 기록에 남고, 기록은 삭제 표시로 남습니다)</translation>
    </message>
    <message>
        <source>Delete empty case</source>
        <translation>빈 사례 삭제</translation>
    </message>
    <message>
        <source>Delete empty case…</source>
        <translation>빈 사례 삭제…</translation>
    </message>
    <message>
        <source>Delete this case: it has no records</source>
        <translation>이 사례 삭제: 기록이 없습니다</translation>
    </message>
    <message>
        <source>Timeline (by date of the event, newest first)</source>
        <translation>타임라인 (일어난 날짜순, 최근 것부터)</translation>
    </message>
    <message>
        <source>Why is case %1 deleted? It has no records; the deletion and this reason stay in the audit log.</source>
        <translation>사례 %1을(를) 삭제하는 이유는 무엇입니까? 기록이 없는 사례입니다. 삭제 사실과 이 사유는 감사 기록에 남습니다.</translation>
    </message>
    <message>
        <source>Takedown packet…</source>
        <translation>삭제 요청 패킷…</translation>
    </message>
    <message>
        <source>Make a takedown packet of hash values</source>
        <translation>해시값 삭제 요청 패킷 만들기</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>Cases</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>&amp;New case</source>
        <translation>새 사례(&amp;N)</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>새 사례</translation>
    </message>
    <message>
        <source>Create a case with a new code (Ctrl+N)</source>
        <translation>새 사례 번호로 사례 만들기 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search names, places, notes, case codes… (Ctrl+F)</source>
        <translation>이름, 장소, 메모, 사례 번호 검색… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>사례 검색</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>상태(&amp;S)</translation>
    </message>
    <message>
        <source>Support &amp;area</source>
        <translation>지원 영역(&amp;A)</translation>
    </message>
    <message>
        <source>C&amp;rime type</source>
        <translation>피해 유형(&amp;R)</translation>
    </message>
    <message>
        <source>Opened &amp;from</source>
        <translation>개시일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>~(&amp;T)</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>필터 지우기</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>상태 필터</translation>
    </message>
    <message>
        <source>Support area filter</source>
        <translation>지원 영역 필터</translation>
    </message>
    <message>
        <source>Crime type filter</source>
        <translation>피해 유형 필터</translation>
    </message>
    <message>
        <source>Opened from</source>
        <translation>개시일 시작</translation>
    </message>
    <message>
        <source>Opened until</source>
        <translation>개시일 끝</translation>
    </message>
    <message>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종결</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>사례 %1건</translation>
    </message>
    <message>
        <source>&amp;Worker</source>
        <translation>활동가(&amp;W)</translation>
    </message>
    <message>
        <source>Tea&amp;m</source>
        <translation>팀(&amp;M)</translation>
    </message>
    <message>
        <source>Worker filter</source>
        <translation>활동가 필터</translation>
    </message>
    <message>
        <source>Team filter</source>
        <translation>팀 필터</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>My figures</source>
        <translation>내 통계</translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>아직 기록이 없습니다.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>세는 중…</translation>
    </message>
    <message>
        <source>%1 cases, %2 open</source>
        <translation>사례 %1건, 진행 중 %2건</translation>
    </message>
    <message>
        <source>Cases by crime type</source>
        <translation>피해 유형별 사례</translation>
    </message>
    <message>
        <source>Cases by support area</source>
        <translation>지원 영역별 사례</translation>
    </message>
    <message>
        <source>Companion sessions per month</source>
        <translation>월별 동행 지원</translation>
    </message>
    <message>
        <source>Outreach contacts per district</source>
        <translation>자치구별 아웃리치 상담</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>보기(&amp;S):</translation>
    </message>
    <message>
        <source>Split the &amp;export:</source>
        <translation>내보내기 나누기(&amp;E):</translation>
    </message>
    <message>
        <source>not split</source>
        <translation>나누지 않음</translation>
    </message>
    <message>
        <source>by worker</source>
        <translation>작업자별</translation>
    </message>
    <message>
        <source>by team</source>
        <translation>팀별</translation>
    </message>
    <message>
        <source>Export figures (CSV/XLSX)…</source>
        <translation>통계 내보내기 (CSV/XLSX)…</translation>
    </message>
    <message>
        <source>My records</source>
        <translation>내 기록</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>모두</translation>
    </message>
    <message>
        <source>team unknown</source>
        <translation>팀 모름</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>팀: %1</translation>
    </message>
    <message>
        <source>Export figures</source>
        <translation>통계 내보내기</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.csv)</source>
        <translation>엑셀 또는 CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Figures saved: %1 (counts under 5 shown as &lt;5)</source>
        <translation>통계를 저장했습니다: %1 (5 미만은 &lt;5로 표시)</translation>
    </message>
    <message>
        <source>The figures could not be saved.</source>
        <translation>통계를 저장하지 못했습니다.</translation>
    </message>
    <message>
        <source>Requested, no answer yet</source>
        <translation>요청함(회신 대기)</translation>
    </message>
    <message>
        <source>Deletion requests by status</source>
        <translation>상태별 삭제 요청</translation>
    </message>
    <message>
        <source>Deletion requests by recipient</source>
        <translation>요청한 곳별 삭제 요청</translation>
    </message>
    <message>
        <source>Deletion requests by platform</source>
        <translation>플랫폼별 삭제 요청</translation>
    </message>
    <message>
        <source>platform not named</source>
        <translation>플랫폼 미기재</translation>
    </message>
    <message>
        <source>Deletion requests: none recorded yet.</source>
        <translation>삭제 요청: 아직 기록이 없습니다.</translation>
    </message>
    <message>
        <source>Deletion requests: %1, none removed yet.</source>
        <translation>삭제 요청: %1건, 아직 삭제 확인 없음.</translation>
    </message>
    <message>
        <source>Deletion requests: %1. Median time from request to removal: %2 days (over %3 removed).</source>
        <translation>삭제 요청: %1건. 요청부터 삭제 확인까지 걸린 기간의 중앙값: %2일 (삭제 확인 %3건 기준).</translation>
    </message>
</context>
<context>
    <name>Delivery</name>
    <message>
        <source>all files there</source>
        <translation>파일 모두 전달됨</translation>
    </message>
    <message>
        <source>files %1/%2</source>
        <translation>파일 %1/%2</translation>
    </message>
    <message>
        <source>%1 file(s) not yet downloaded</source>
        <translation>아직 받지 못한 파일 %1개</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>%1에게서 받음</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>전달됨</translation>
    </message>
    <message>
        <source>on this laptop</source>
        <translation>이 노트북에만</translation>
    </message>
    <message>
        <source>Received from %1 through the server</source>
        <translation>%1에게서 서버를 거쳐 받음</translation>
    </message>
    <message>
        <source>Delivered to the server %1 (server no. %2)</source>
        <translation>서버에 전달됨 %1 (서버 번호 %2)</translation>
    </message>
    <message>
        <source>Saved on this laptop — not yet delivered to the server</source>
        <translation>이 노트북에 저장됨 — 아직 서버에 전달되지 않음</translation>
    </message>
</context>
<context>
    <name>DeskDialog</name>
    <message>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>DeskNav</name>
    <message>
        <source>%1 unread note(s) from the center</source>
        <translation>센터에서 온 읽지 않은 메모 %1건</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>No</source>
        <translation>아니오</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>찾는 위치(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>파일 형식(&amp;T):</translation>
    </message>
</context>
<context>
    <name>DraftsView</name>
    <message>
        <source>Drafts</source>
        <translation>임시 저장</translation>
    </message>
    <message>
        <source>Unfinished forms are saved here automatically every few seconds, when you move between fields and before the app locks. Open one to continue and finalise it.</source>
        <translation>작성 중인 양식은 몇 초마다, 항목을 옮길 때, 그리고 앱이 잠기기 전에 자동으로 이곳에 저장됩니다. 열어서 이어 쓰고 완료 저장하세요.</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>양식</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>저장됨</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>열기(&amp;O)</translation>
    </message>
    <message>
        <source>Open the selected draft</source>
        <translation>선택한 임시 저장 열기</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>삭제(&amp;D)…</translation>
    </message>
    <message>
        <source>Discard the selected draft</source>
        <translation>선택한 임시 저장 버리기</translation>
    </message>
    <message>
        <source>No drafts: nothing unfinished is waiting.</source>
        <translation>임시 저장된 양식이 없습니다.</translation>
    </message>
    <message>
        <source>(no case)</source>
        <translation>(사례 없음)</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>임시 저장 버리기</translation>
    </message>
    <message>
        <source>Discard this draft? What was typed in it is lost.</source>
        <translation>이 임시 저장을 버릴까요? 입력한 내용이 사라집니다.</translation>
    </message>
</context>
<context>
    <name>DueModel</name>
    <message>
        <source>%1 — %2 day(s) overdue</source>
        <translation>%1 — %2일 지남</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>이름(가명)</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>예정일</translation>
    </message>
    <message>
        <source>Next contact</source>
        <translation>다음 연락</translation>
    </message>
    <message>
        <source>Plan review</source>
        <translation>지원계획 점검</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>긴급도</translation>
    </message>
    <message>
        <source>What</source>
        <translation>할 일</translation>
    </message>
    <message>
        <source>hidden (privacy mode)</source>
        <translation>가려짐 (개인정보 보호 모드)</translation>
    </message>
    <message>
        <source>today (%1)</source>
        <translation>오늘 (%1)</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Connect to the center's server</source>
        <translation>센터 서버에 연결</translation>
    </message>
    <message>
        <source>Enter what the center gave you (or paste the text of its QR code). Compare the server fingerprint with the one on the center's screen before connecting.</source>
        <translation>센터에서 받은 내용을 입력하세요 (또는 QR 코드의 글자를 붙여 넣으세요). 연결하기 전에 서버 지문을 센터 화면의 지문과 비교하세요.</translation>
    </message>
    <message>
        <source>&amp;QR text</source>
        <translation>QR 글자(&amp;Q)</translation>
    </message>
    <message>
        <source>QR text</source>
        <translation>QR 글자</translation>
    </message>
    <message>
        <source>Server &amp;address</source>
        <translation>서버 주소(&amp;A)</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>서버 주소</translation>
    </message>
    <message>
        <source>One-time &amp;code</source>
        <translation>일회용 코드(&amp;C)</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>일회용 코드</translation>
    </message>
    <message>
        <source>Server &amp;fingerprint</source>
        <translation>서버 지문(&amp;F)</translation>
    </message>
    <message>
        <source>Server fingerprint</source>
        <translation>서버 지문</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>연결(&amp;O)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Compare with the center's screen:</source>
        <translation>센터 화면의 지문과 비교하세요:</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결하는 중…</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>완료(&amp;D)</translation>
    </message>
    <message>
        <source>Connected as %1. This laptop's fingerprint: %2 — read it to the center.</source>
        <translation>%1(으)로 연결했습니다. 이 노트북의 지문: %2 — 센터에 불러 주세요.</translation>
    </message>
    <message>
        <source>The server's key does not match this fingerprint: check it with the center</source>
        <translation>서버 키가 이 지문과 맞지 않습니다: 센터와 확인하세요</translation>
    </message>
    <message>
        <source>Could not connect (%1)</source>
        <translation>연결하지 못했습니다 (%1)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Contacts reason</source>
        <translation>연락처 포함 사유</translation>
    </message>
    <message>
        <source>Export without a timestamp</source>
        <translation>타임스탬프 없이 내보내기</translation>
    </message>
    <message>
        <source>Include contact details</source>
        <translation>연락처 포함</translation>
    </message>
    <message>
        <source>Include contact details (phone, e-mail, safe contact)</source>
        <translation>연락처 포함 (전화, 이메일, 안전 연락 방법)</translation>
    </message>
    <message>
        <source>Reason for including contact details</source>
        <translation>연락처를 포함하는 사유</translation>
    </message>
    <message>
        <source>Signing time: time claimed by the laptop, not timestamped.</source>
        <translation>서명 시각: 노트북이 주장하는 시각이며, 타임스탬프가 없습니다.</translation>
    </message>
    <message>
        <source>The timestamp service (%1) did not answer, so nothing was exported.

Export without a timestamp? The signing time will then be only the time claimed by this laptop, and the PDF says so.</source>
        <translation>타임스탬프 서비스(%1)가 응답하지 않아 아무것도 내보내지 않았습니다.

타임스탬프 없이 내보낼까요? 서명 시각은 이 노트북이 주장하는 시각일 뿐이며, PDF에 그렇게 적힙니다.</translation>
    </message>
    <message>
        <source>Timestamp service not answering</source>
        <translation>타임스탬프 서비스 응답 없음</translation>
    </message>
    <message>
        <source>Why the court needs them</source>
        <translation>법원에 필요한 이유</translation>
    </message>
    <message>
        <source>Write why the contact details are included: the reason is printed on the cover and audited.</source>
        <translation>연락처를 포함하는 사유를 적으세요. 사유는 표지에 인쇄되고 감사 기록에 남습니다.</translation>
    </message>
    <message>
        <source>Export %1 as a signed PDF</source>
        <translation>%1을(를) 서명된 PDF로 내보내기</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>동의 없이 내보내는 사유</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>용도(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Recipient</source>
        <translation>받는 곳(&amp;R)</translation>
    </message>
    <message>
        <source>P&amp;urpose</source>
        <translation>목적(&amp;U)</translation>
    </message>
    <message>
        <source>PDF &amp;language</source>
        <translation>PDF 언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>파일 선택</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Save the signed PDF</source>
        <translation>서명된 PDF 저장</translation>
    </message>
    <message>
        <source>Composing and signing the PDF…</source>
        <translation>PDF를 만들고 서명하는 중…</translation>
    </message>
    <message>
        <source>Exported and signed: %1
SHA-256 %2
%3 pages</source>
        <translation>내보내고 서명했습니다: %1
SHA-256 %2
%3쪽</translation>
    </message>
    <message>
        <source>To export anyway, write why in "Override reason": it is printed on the cover and kept in the audit log.</source>
        <translation>그래도 내보내려면 "동의 없이 내보내는 사유"에 이유를 적으세요: 표지에 인쇄되고 감사 기록에 남습니다.</translation>
    </message>
</context>
<context>
    <name>ExportsModel</name>
    <message>
        <source>timestamped %1 — send this version</source>
        <translation>%1 타임스탬프 완료 — 이 버전을 보내세요</translation>
    </message>
    <message>
        <source>not yet timestamped</source>
        <translation>아직 타임스탬프 없음</translation>
    </message>
    <message>
        <source>%1 · %2 pages · SHA-256 %3</source>
        <translation>%1 · %2쪽 · SHA-256 %3</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>만든 때</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>프로필</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>받는 곳</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
</context>
<context>
    <name>ExportsView</name>
    <message>
        <source>Exports</source>
        <translation>내보내기 기록</translation>
    </message>
    <message>
        <source>Every signed PDF exported from this vault. The vault keeps an encrypted copy of each: Save again writes the same file, byte for byte.</source>
        <translation>이 금고에서 내보낸 모든 서명 PDF입니다. 금고가 각각의 사본을 암호화해 보관합니다: 다시 저장하면 처음과 똑같은 파일(바이트 단위까지)이 만들어집니다.</translation>
    </message>
    <message>
        <source>Exports, newest first</source>
        <translation>내보내기 기록, 최근 것부터</translation>
    </message>
    <message>
        <source>No exports yet: a case's Export PDF… makes one, and its copy is kept here.</source>
        <translation>아직 내보낸 PDF가 없습니다: 사례 화면의 PDF 내보내기…로 만들면 그 사본이 여기에 보관됩니다.</translation>
    </message>
    <message>
        <source>&amp;Save again…</source>
        <translation>다시 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the selected export again to a file</source>
        <translation>선택한 내보내기를 파일로 다시 저장</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>사례 열기(&amp;O)</translation>
    </message>
    <message>
        <source>Open the case of the selected export</source>
        <translation>선택한 내보내기의 사례 열기</translation>
    </message>
    <message>
        <source>Save the export again</source>
        <translation>내보내기 다시 저장</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>저장하는 중…</translation>
    </message>
    <message>
        <source>Saved again: %1 — the same file as exported (SHA-256 %2)</source>
        <translation>다시 저장함: %1 — 내보낸 파일과 같은 파일 (SHA-256 %2)</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>e.g. 010-0000-0000</source>
        <translation>예: 010-0000-0000</translation>
    </message>
    <message>
        <source>e.g. name@example.org</source>
        <translation>예: name@example.org</translation>
    </message>
    <message>
        <source>date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 선택 —</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>No</source>
        <translation>아니오</translation>
    </message>
    <message>
        <source>e.g. 2011-03-04</source>
        <translation>예: 2011-03-04</translation>
    </message>
    <message>
        <source>Open the calendar (Alt+Down)</source>
        <translation>달력 열기 (Alt+↓)</translation>
    </message>
    <message>
        <source>Open the calendar</source>
        <translation>달력 열기</translation>
    </message>
    <message>
        <source>Clear the date (Delete)</source>
        <translation>날짜 지우기 (Delete)</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>날짜 지우기</translation>
    </message>
    <message>
        <source>“%1” is not a date. Type it like 2011-03-04, 2011.3.4 or 20110304.</source>
        <translation>“%1”은(는) 날짜가 아닙니다. 2011-03-04, 2011.3.4 또는 20110304처럼 입력하세요.</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>달력</translation>
    </message>
    <message>
        <source>This field holds at most %1 characters; what went past that was not kept.</source>
        <translation>이 칸에는 최대 %1자까지 들어갑니다. 넘친 부분은 저장되지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <source>required</source>
        <translation>필수</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>필수</translation>
    </message>
    <message>
        <source>hidden — click to show</source>
        <translation>가려짐 — 누르면 표시</translation>
    </message>
    <message>
        <source>%1: hidden, press to show</source>
        <translation>%1: 가려짐, 누르면 표시</translation>
    </message>
</context>
<context>
    <name>FileFieldEditor</name>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <source>Add file</source>
        <translation>파일 추가</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Remove the selected file</source>
        <translation>선택한 파일 제거</translation>
    </message>
    <message>
        <source>or drop files here</source>
        <translation>또는 파일을 여기에 끌어다 놓기</translation>
    </message>
    <message>
        <source>to be added when saved</source>
        <translation>저장할 때 추가됨</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>파일 추가</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Clear the signature</source>
        <translation>서명 지우기</translation>
    </message>
    <message>
        <source>Use a photo or scan…</source>
        <translation>사진/스캔 사용…</translation>
    </message>
    <message>
        <source>Use a photo or scan of the signed paper</source>
        <translation>서명한 종이의 사진이나 스캔 사용</translation>
    </message>
    <message>
        <source>Signature pad: sign with the mouse, pen or finger</source>
        <translation>서명란: 마우스, 펜 또는 손가락으로 서명하세요</translation>
    </message>
    <message>
        <source>Photo/scan to be stored: %1</source>
        <translation>보관할 사진/스캔: %1</translation>
    </message>
    <message>
        <source>Drawn signature — stored when the record is saved.</source>
        <translation>그린 서명 — 기록을 저장할 때 보관됩니다.</translation>
    </message>
    <message>
        <source>Signed: stored in the vault (%1). Sign again to replace it.</source>
        <translation>서명됨: 금고에 보관됨 (%1). 다시 서명하면 바뀝니다.</translation>
    </message>
    <message>
        <source>Not signed yet.</source>
        <translation>아직 서명하지 않았습니다.</translation>
    </message>
    <message>
        <source>Photo or scan of the signature</source>
        <translation>서명 사진 또는 스캔</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>Donghaeng — new account</source>
        <translation>동행 — 새 계정</translation>
    </message>
    <message>
        <source>Welcome to Donghaeng</source>
        <translation>동행에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>Donghaeng keeps your case records on this laptop, encrypted. Your passphrase is the only key: it protects every record, consent and attachment if the laptop is lost or someone else uses it.</source>
        <translation>동행은 사례 기록을 이 노트북에 암호화하여 보관합니다. 암호가 유일한 열쇠입니다: 노트북을 잃어버리거나 다른 사람이 사용해도 모든 기록, 동의서, 첨부 파일을 지켜 줍니다.</translation>
    </message>
    <message>
        <source>There is no way to recover a forgotten passphrase yet — not by the center, not by us. Choose several words you will remember, and do not write it on the laptop.</source>
        <translation>잊어버린 암호는 아직 되찾을 방법이 없습니다 — 센터도, 개발자도 복구할 수 없습니다. 기억할 수 있는 여러 단어로 정하고, 노트북에 적어 두지 마세요.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>이름(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>암호(&amp;P)</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>강도</translation>
    </message>
    <message>
        <source>&amp;Repeat passphrase</source>
        <translation>암호 확인(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Show the passphrase</source>
        <translation>암호 보이기(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Back to sign in</source>
        <translation>잠금 해제로 돌아가기(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>계정 만들기(&amp;C)</translation>
    </message>
    <message>
        <source>e.g. Kim Minji</source>
        <translation>예: 김민지</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>암호</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>암호 확인</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>암호 강도</translation>
    </message>
    <message>
        <source>Show the passphrase</source>
        <translation>암호 보이기</translation>
    </message>
    <message>
        <source>Back to sign in</source>
        <translation>잠금 해제로 돌아가기</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>계정 만들기</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>이름을 입력하세요.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>두 암호가 같지 않습니다.</translation>
    </message>
    <message>
        <source>Creating the encrypted vault — this takes a few seconds…</source>
        <translation>암호화된 금고를 만드는 중입니다 — 몇 초 걸립니다…</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <source>not known yet</source>
        <translation>아직 알 수 없음</translation>
    </message>
</context>
<context>
    <name>GroupEditor</name>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Remove %1 %2</source>
        <translation>%1 %2 제거</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 추가</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Hand over all cases of a worker</source>
        <translation>활동가의 모든 사례 인계</translation>
    </message>
    <message>
        <source>Every case the first worker wrote is shared with the second (a worker leaving): their laptops receive them at their next sync.</source>
        <translation>첫 번째 활동가가 작성한 모든 사례를 두 번째 활동가와 공유합니다(퇴사 등). 두 번째 활동가의 노트북은 다음 동기화 때 받습니다.</translation>
    </message>
    <message>
        <source>Worker whose cases are handed over</source>
        <translation>사례를 넘기는 활동가</translation>
    </message>
    <message>
        <source>Worker taking the cases over</source>
        <translation>사례를 넘겨받는 활동가</translation>
    </message>
    <message>
        <source>&amp;Hand over</source>
        <translation>인계(&amp;H)</translation>
    </message>
    <message>
        <source>Name both workers.</source>
        <translation>두 활동가의 이름을 모두 입력하세요.</translation>
    </message>
    <message>
        <source>Asking the server for %1's laptops…</source>
        <translation>서버에 %1 님의 노트북을 묻는 중…</translation>
    </message>
    <message>
        <source>%1 case(s) of %2 handed over to %3; they go with the next sync.</source>
        <translation>%2 님의 사례 %1건을 %3 님에게 인계했습니다. 다음 동기화 때 전달됩니다.</translation>
    </message>
    <message>
        <source>&amp;Leaving worker</source>
        <translation>넘기는 활동가(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New worker</source>
        <translation>넘겨받는 활동가(&amp;N)</translation>
    </message>
</context>
<context>
    <name>ImagePreview</name>
    <message>
        <source>Preview: %1</source>
        <translation>미리 보기: %1</translation>
    </message>
    <message>
        <source>Image %1</source>
        <translation>이미지 %1</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <source>This file is too large to preview.</source>
        <translation>파일이 너무 커서 미리 볼 수 없습니다.</translation>
    </message>
    <message>
        <source>Only images can be previewed. The file stays in the vault.</source>
        <translation>이미지만 미리 볼 수 있습니다. 파일은 금고에 그대로 있습니다.</translation>
    </message>
    <message>
        <source>This image cannot be shown.</source>
        <translation>이 이미지는 표시할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>ImportKeyDialog</name>
    <message>
        <source>Import the organisation key</source>
        <translation>기관 키 가져오기</translation>
    </message>
    <message>
        <source>On the center's desk only: the organisation's sealing key (sealing.key in the folder `server init` wrote) opens every worker's records. It is kept inside this vault; the file can then go back to its safe place.</source>
        <translation>센터 데스크에서만 쓰세요: 기관 봉인 키(`server init`이 만든 폴더의 sealing.key)로 모든 활동가의 기록을 엽니다. 키는 이 금고 안에만 보관되며, 파일은 다시 안전한 곳에 두면 됩니다.</translation>
    </message>
    <message>
        <source>&amp;Key file</source>
        <translation>키 파일(&amp;K)</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>키 파일</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose the key file</source>
        <translation>키 파일 선택</translation>
    </message>
    <message>
        <source>Key file &amp;passphrase</source>
        <translation>키 파일 암호(&amp;P)</translation>
    </message>
    <message>
        <source>Passphrase of the key file</source>
        <translation>키 파일의 암호</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>가져오기(&amp;I)</translation>
    </message>
    <message>
        <source>The organisation's sealing key</source>
        <translation>기관 봉인 키</translation>
    </message>
    <message>
        <source>Choose the key file.</source>
        <translation>키 파일을 선택하세요.</translation>
    </message>
    <message>
        <source>Opening the key file…</source>
        <translation>키 파일을 여는 중…</translation>
    </message>
    <message>
        <source>Imported the organisation key %1: this desk now opens every record it receives.</source>
        <translation>기관 키 %1를 가져왔습니다. 이제 이 데스크는 받는 모든 기록을 엽니다.</translation>
    </message>
</context>
<context>
    <name>LeaseGate</name>
    <message>
        <source>The online check did not succeed: %1</source>
        <translation>온라인 확인이 되지 않았습니다: %1</translation>
    </message>
    <message>
        <source>The center's policy: this laptop has not reached the center's server for over %1 day(s), so it opens only after an online check. Connect to the network and check with the center (a supervisor's recovery does not exist yet).</source>
        <translation>센터 정책: 이 노트북이 %1일 넘게 센터 서버에 연결하지 않아 온라인 확인 뒤에만 열립니다. 네트워크에 연결한 뒤 센터와 확인하세요 (관리자 복구 방법은 아직 없습니다).</translation>
    </message>
    <message>
        <source>Donghaeng</source>
        <translation>동행</translation>
    </message>
    <message>
        <source>The center's policy: connect within %1 day(s) or this laptop will need an online check to open.</source>
        <translation>센터 정책: %1일 안에 서버에 연결하지 않으면 이 노트북은 온라인 확인 뒤에만 열립니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Workers</source>
        <translation>활동가 현황</translation>
    </message>
    <message>
        <source>Donghaeng — %1</source>
        <translation>동행 — %1</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>새 사례</translation>
    </message>
    <message>
        <source>New case (Ctrl+N)</source>
        <translation>새 사례 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Quick outreach log</source>
        <translation>빠른 아웃리치 기록</translation>
    </message>
    <message>
        <source>Log an outreach contact (Ctrl+Shift+O)</source>
        <translation>아웃리치 상담 기록 (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <source>Search cases (Ctrl+F)</source>
        <translation>사례 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Privacy mode</source>
        <translation>개인정보 가림</translation>
    </message>
    <message>
        <source>Hide names, phone numbers and addresses until clicked (Ctrl+Shift+P)</source>
        <translation>이름, 전화번호, 주소를 누를 때까지 가리기 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>잠금</translation>
    </message>
    <message>
        <source>Lock now (Ctrl+L). Panic: Ctrl+Shift+L or Esc twice</source>
        <translation>지금 잠그기 (Ctrl+L). 긴급: Ctrl+Shift+L 또는 Esc 두 번</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>Outreach</source>
        <translation>아웃리치</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>임시 저장</translation>
    </message>
    <message>
        <source>My figures</source>
        <translation>내 통계</translation>
    </message>
    <message>
        <source>Verify PDF</source>
        <translation>PDF 확인</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Purge requests</source>
        <translation>파기 요청</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>메뉴</translation>
    </message>
    <message>
        <source>Main actions</source>
        <translation>주요 작업</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>사용자: %1</translation>
    </message>
    <message>
        <source>%1 unfinished draft(s) were kept from your last session. Open the latest one now?</source>
        <translation>지난 사용 때 마치지 못한 임시 저장 %1건이 보관되어 있습니다. 가장 최근 것을 지금 열까요?</translation>
    </message>
    <message>
        <source>Unfinished drafts</source>
        <translation>마치지 못한 임시 저장</translation>
    </message>
    <message>
        <source>Open draft</source>
        <translation>임시 저장 열기</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>나중에</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>오늘 할 일</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>내보내기 기록</translation>
    </message>
</context>
<context>
    <name>MergeView</name>
    <message>
        <source>Merge the versions of %1</source>
        <translation>%1 버전 합치기</translation>
    </message>
    <message>
        <source>This record was changed in %1 places separately. Fields changed on one side only are taken; where both sides changed a field, choose which value to keep or edit it. Closing keeps every version as it is.</source>
        <translation>이 기록이 %1곳에서 따로 고쳐졌습니다. 한쪽에서만 바뀐 항목은 그 값을 씁니다. 양쪽에서 다르게 바뀐 항목은 남길 값을 고르거나 직접 고치세요. 닫으면 모든 버전이 그대로 남습니다.</translation>
    </message>
    <message>
        <source>Show unchanged fields</source>
        <translation>바뀌지 않은 항목도 보기</translation>
    </message>
    <message>
        <source>Close without merging</source>
        <translation>합치지 않고 닫기</translation>
    </message>
    <message>
        <source>Every version stays as it is; the choices made so far are kept for next time</source>
        <translation>모든 버전이 그대로 남고, 지금까지 고른 것은 다음에 이어서 할 수 있게 보관됩니다</translation>
    </message>
    <message>
        <source>&amp;Save merge</source>
        <translation>합친 기록 저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save the merged record as a new version</source>
        <translation>합친 기록을 새 버전으로 저장</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2, %3</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Common version</source>
        <translation>공통 버전</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>합친 결과</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(비어 있음)</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>바뀌지 않음</translation>
    </message>
    <message>
        <source>taken from %1</source>
        <translation>%1 값을 씀</translation>
    </message>
    <message>
        <source>same change on %1: taken</source>
        <translation>%1에서 같게 바뀜: 그 값을 씀</translation>
    </message>
    <message>
        <source>choose:</source>
        <translation>골라 주세요:</translation>
    </message>
    <message>
        <source>keep %1</source>
        <translation>%1 값 남기기</translation>
    </message>
    <message>
        <source>%1: keep %2</source>
        <translation>%1: %2 값 남기기</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>직접 고치기</translation>
    </message>
    <message>
        <source>%1: edit the value</source>
        <translation>%1: 값 직접 고치기</translation>
    </message>
    <message>
        <source>%1: merged value</source>
        <translation>%1: 합친 값</translation>
    </message>
    <message>
        <source>Reading the versions…</source>
        <translation>버전을 읽는 중…</translation>
    </message>
    <message>
        <source>%1 of %2 choices made · %3 fields taken from one side</source>
        <translation>고를 항목 %2개 중 %1개 고름 · 한쪽 값을 쓴 항목 %3개</translation>
    </message>
    <message>
        <source>chosen:</source>
        <translation>고름:</translation>
    </message>
    <message>
        <source>The merge could not be saved.</source>
        <translation>합친 기록을 저장하지 못했습니다.</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <source>No frame hashes: the video add-on is not installed.</source>
        <translation>프레임 해시 없음: 동영상 추가 기능이 설치되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>hash only</source>
        <translation>해시값만</translation>
    </message>
    <message>
        <source>vPDQ: %1 frames</source>
        <translation>vPDQ: 프레임 %1개</translation>
    </message>
    <message>
        <source>Hash only: the file itself was not kept.</source>
        <translation>해시값만 보관: 파일 자체는 보관하지 않았습니다.</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>충돌</translation>
    </message>
    <message>
        <source>%1, conflict: versions to merge</source>
        <translation>%1, 충돌: 합칠 버전이 있음</translation>
    </message>
    <message>
        <source>A record of this case was changed in two places: open the case and choose Resolve to merge the versions</source>
        <translation>이 사례의 기록이 두 곳에서 따로 고쳐졌습니다: 사례를 열고 합치기를 눌러 버전을 합치세요</translation>
    </message>
    <message>
        <source>%1 versions saved separately: select the record and choose Resolve</source>
        <translation>따로 저장된 버전 %1개: 기록을 고르고 합치기를 누르세요</translation>
    </message>
    <message>
        <source>conflict: %1 versions</source>
        <translation>충돌: 버전 %1개</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종결</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>개시일</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>최근 변경</translation>
    </message>
    <message>
        <source>Crime types</source>
        <translation>피해 유형</translation>
    </message>
    <message>
        <source>Support areas</source>
        <translation>지원 영역</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>버전 %1</translation>
    </message>
    <message>
        <source>original</source>
        <translation>원본</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>기록</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>By</source>
        <translation>작성자</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>가져온 시각</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 (지남)</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>이름(가명)</translation>
    </message>
    <message>
        <source>Next contact</source>
        <translation>다음 연락</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>저장: %1</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>긴급도</translation>
    </message>
    <message>
        <source>hidden (privacy mode)</source>
        <translation>가려짐 (개인정보 보호 모드)</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>전달</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>활동가</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>팀</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Send a note to the worker</source>
        <translation>활동가에게 메모 보내기</translation>
    </message>
    <message>
        <source>A note about case %1, sealed to the worker named here alone; they see it on the case and in their notes.</source>
        <translation>사례 %1에 대한 메모입니다. 여기 적은 활동가만 열 수 있도록 봉인되며, 그 활동가는 사례 화면과 메모함에서 봅니다.</translation>
    </message>
    <message>
        <source>Worker the note is for</source>
        <translation>메모를 받을 활동가</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>메모(&amp;N)</translation>
    </message>
    <message>
        <source>Text of the note</source>
        <translation>메모 내용</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>보내기(&amp;S)</translation>
    </message>
    <message>
        <source>%1 of %2 characters</source>
        <translation>%1 / %2자</translation>
    </message>
    <message>
        <source>Name the worker the note is for.</source>
        <translation>메모를 받을 활동가를 입력하세요.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장하는 중…</translation>
    </message>
    <message>
        <source>Saved; it goes to %1 with the next sync.</source>
        <translation>저장했습니다. 다음 동기화 때 %1 님에게 전달됩니다.</translation>
    </message>
    <message>
        <source>&amp;Recipient</source>
        <translation>받는 사람(&amp;R)</translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message>
        <source>Notes from the center</source>
        <translation>센터에서 온 메모</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>보낸 사람 → 받는 사람</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>No notes. When the center writes to you about a case, the note appears here and on the case.</source>
        <translation>메모가 없습니다. 센터가 사례에 대해 메모를 보내면 여기와 그 사례 화면에 나타납니다.</translation>
    </message>
    <message>
        <source>%1 note(s), %2 unread (%3). Click one to open its case; opening the case marks its notes read.</source>
        <translation>메모 %1건, 읽지 않음 %2건(%3). 메모를 누르면 그 사례가 열리고, 사례를 열면 메모는 읽음으로 표시됩니다.</translation>
    </message>
    <message>
        <source>%1 (not on this laptop)</source>
        <translation>%1 (이 노트북에 없음)</translation>
    </message>
</context>
<context>
    <name>OutreachView</name>
    <message>
        <source>Outreach and prevention</source>
        <translation>아웃리치와 예방 교육</translation>
    </message>
    <message>
        <source>New outreach &amp;contact (Ctrl+Shift+O)</source>
        <translation>새 아웃리치 상담(&amp;C) (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>New outreach contact</source>
        <translation>새 아웃리치 상담</translation>
    </message>
    <message>
        <source>New prevention c&amp;lass</source>
        <translation>새 예방 교육(&amp;L)</translation>
    </message>
    <message>
        <source>New prevention class</source>
        <translation>새 예방 교육</translation>
    </message>
    <message>
        <source>Outreach contacts and prevention classes</source>
        <translation>아웃리치 상담과 예방 교육</translation>
    </message>
    <message>
        <source>Remembered from your last contact — change it if you have moved.</source>
        <translation>지난 상담에서 가져왔습니다 — 장소를 옮겼다면 바꾸세요.</translation>
    </message>
</context>
<context>
    <name>PurgeRequestsView</name>
    <message>
        <source>Purge requests</source>
        <translation>파기 요청</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>활동가</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>&amp;Purge this case everywhere…</source>
        <translation>이 사례를 모든 곳에서 파기(&amp;P)…</translation>
    </message>
    <message>
        <source>Purge the selected case on the server and on every laptop</source>
        <translation>선택한 사례를 서버와 모든 노트북에서 파기</translation>
    </message>
    <message>
        <source>No purge request is waiting.</source>
        <translation>기다리는 파기 요청이 없습니다.</translation>
    </message>
    <message>
        <source>Each worker below purged a case on their laptop and asks the center to destroy it everywhere. Until the center does, the server and other laptops keep it.</source>
        <translation>아래 활동가들은 자기 노트북에서 사례를 파기하고, 센터에 모든 곳에서 파기해 달라고 요청했습니다. 센터가 파기하기 전까지 서버와 다른 노트북에는 남아 있습니다.</translation>
    </message>
    <message>
        <source>Purge this case everywhere</source>
        <translation>이 사례를 모든 곳에서 파기</translation>
    </message>
    <message>
        <source>Why is case %1 purged? (the worker's reason; kept in the audit log)</source>
        <translation>사례 %1를 파기하는 사유는 무엇입니까? (활동가가 적은 사유, 감사 기록에 남습니다)</translation>
    </message>
    <message>
        <source>Case %1 is destroyed on this desk now, then on the server and on every laptop holding it at their next sync. This cannot be undone.</source>
        <translation>사례 %1는 지금 이 데스크에서 파기되고, 다음 동기화 때 서버와 이 사례를 가진 모든 노트북에서 파기됩니다. 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Purge everywhere</source>
        <translation>모든 곳에서 파기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Purging %1…</source>
        <translation>%1 파기 중…</translation>
    </message>
    <message>
        <source>%1 purged here; the order goes with the next sync.</source>
        <translation>%1를 이 데스크에서 파기했습니다. 파기 명령은 다음 동기화 때 전달됩니다.</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>(editing: new version)</source>
        <translation>(수정: 새 버전으로 저장)</translation>
    </message>
    <message>
        <source>&amp;Privacy mode</source>
        <translation>개인정보 가림(&amp;P)</translation>
    </message>
    <message>
        <source>Hide names, phone numbers and addresses on screen until clicked</source>
        <translation>이름, 전화번호, 주소를 누를 때까지 화면에서 가립니다</translation>
    </message>
    <message>
        <source>Privacy mode</source>
        <translation>개인정보 가림</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <source>Save &amp;draft</source>
        <translation>임시 저장(&amp;D)</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>임시 저장</translation>
    </message>
    <message>
        <source>&amp;Finalise (Ctrl+Enter)</source>
        <translation>완료 저장(&amp;F) (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Finalise and save the record</source>
        <translation>완료하고 기록 저장</translation>
    </message>
    <message>
        <source>Draft saved at %1</source>
        <translation>%1에 임시 저장됨</translation>
    </message>
    <message>
        <source>Checking and saving…</source>
        <translation>확인하고 저장하는 중…</translation>
    </message>
    <message>
        <source>Not saved: %1 problem(s) to fix — see the marked fields.</source>
        <translation>저장되지 않았습니다: 고칠 문제 %1개 — 표시된 항목을 확인하세요.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>파일 제거</translation>
    </message>
    <message>
        <source>Remove this file from the record? It stays in the audit trail as removed.</source>
        <translation>이 파일을 기록에서 제거할까요? 감사 기록에는 제거된 것으로 남습니다.</translation>
    </message>
    <message>
        <source>Close the form</source>
        <translation>양식 닫기</translation>
    </message>
    <message>
        <source>What you typed in this form is not finalised. Keep it as a draft to finish later, or discard it?</source>
        <translation>이 양식에 입력한 내용은 아직 최종 저장되지 않았습니다. 나중에 마칠 수 있게 임시 저장본으로 남길까요, 버릴까요?</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>버리기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keep draft</source>
        <translation>임시 저장본 남기기(&amp;K)</translation>
    </message>
</context>
<context>
    <name>RecordPrefill</name>
    <message>
        <source>From the case's intake — check it with the person.</source>
        <translation>사례의 초기상담에서 가져왔습니다 — 본인에게 확인하세요.</translation>
    </message>
    <message>
        <source>From the case's last consent — check it is still right.</source>
        <translation>사례의 지난 동의서에서 가져왔습니다 — 지금도 맞는지 확인하세요.</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>hidden — click to show</source>
        <translation>가려짐 — 누르면 표시</translation>
    </message>
    <message>
        <source>%1: hidden, press to show</source>
        <translation>%1: 가려짐, 누르면 표시</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 복사</translation>
    </message>
    <message>
        <source>Signed (%1)</source>
        <translation>서명됨 (%1)</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Reset a forgotten passphrase</source>
        <translation>잊은 암호 새로 정하기</translation>
    </message>
    <message>
        <source>Account: %1
A supervisor opens the center's recovery key here; then the worker chooses a new passphrase. Records stay as they are.</source>
        <translation>계정: %1
관리자가 여기서 센터의 복구 키를 엽니다. 그다음 활동가가 새 암호를 정합니다. 기록은 그대로 남습니다.</translation>
    </message>
    <message>
        <source>Recovery key file</source>
        <translation>복구 키 파일</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>고르기…(&amp;H)</translation>
    </message>
    <message>
        <source>Choose the recovery key file</source>
        <translation>복구 키 파일 고르기</translation>
    </message>
    <message>
        <source>Recovery &amp;key file</source>
        <translation>복구 키 파일(&amp;K)</translation>
    </message>
    <message>
        <source>Key file &amp;passphrase</source>
        <translation>키 파일 암호(&amp;P)</translation>
    </message>
    <message>
        <source>Key file passphrase</source>
        <translation>키 파일 암호</translation>
    </message>
    <message>
        <source>The worker chooses a new passphrase:</source>
        <translation>활동가가 새 암호를 정합니다:</translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation>새 암호(&amp;N)</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>새 암호</translation>
    </message>
    <message>
        <source>&amp;Repeat the new passphrase</source>
        <translation>새 암호 다시 입력(&amp;R)</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>새 암호 다시 입력</translation>
    </message>
    <message>
        <source>Choose the recovery key file.</source>
        <translation>복구 키 파일을 고르세요.</translation>
    </message>
    <message>
        <source>Enter the key file's passphrase.</source>
        <translation>키 파일 암호를 입력하세요.</translation>
    </message>
    <message>
        <source>The new passphrases differ.</source>
        <translation>두 새 암호가 다릅니다.</translation>
    </message>
    <message>
        <source>Opening the key and resetting the passphrase…</source>
        <translation>키를 열고 암호를 새로 정하는 중…</translation>
    </message>
    <message>
        <source>Passphrase reset. Unlock with the new passphrase; the center is told at the next sync.</source>
        <translation>암호를 새로 정했습니다. 새 암호로 잠금을 해제하세요. 다음 동기화 때 센터에 알려집니다.</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Case code &amp;prefix</source>
        <translation>사례 번호 접두어(&amp;P)</translation>
    </message>
    <message>
        <source>Case code prefix</source>
        <translation>사례 번호 접두어</translation>
    </message>
    <message>
        <source>2 to 8 letters, digits or Hangul; new case codes start with it</source>
        <translation>영문, 숫자, 한글 2~8자. 새 사례 번호가 이것으로 시작합니다</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>저장하지 못했습니다.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Lock after &amp;idle minutes</source>
        <translation>자동 잠금까지 대기 시간(&amp;I)</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>자동 잠금까지 대기 시간(분)</translation>
    </message>
    <message>
        <source>min</source>
        <translation>분</translation>
    </message>
    <message>
        <source>&amp;Privacy mode on by default (names, phone numbers and addresses hidden until clicked)</source>
        <translation>개인정보 가림을 기본으로 켜기(&amp;P) (이름·전화번호·주소를 누를 때까지 가림)</translation>
    </message>
    <message>
        <source>Privacy mode on by default</source>
        <translation>개인정보 가림 기본 사용</translation>
    </message>
    <message>
        <source>On a &amp;metered network, files over</source>
        <translation>종량제 네트워크(&amp;M)에서는 이보다 큰 파일</translation>
    </message>
    <message>
        <source>MB wait for Wi-Fi</source>
        <translation>MB 초과는 Wi-Fi를 기다림</translation>
    </message>
    <message>
        <source>On a metered network, files over this many MB wait for Wi-Fi</source>
        <translation>종량제 네트워크에서 이 크기(MB)를 넘는 파일은 Wi-Fi를 기다립니다</translation>
    </message>
    <message>
        <source>A phone hotspot is metered: larger files are sent on Wi-Fi, or when you press Send now</source>
        <translation>휴대폰 핫스팟은 종량제입니다: 큰 파일은 Wi-Fi에서, 또는 '지금 보내기'를 누르면 보냅니다</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>설정 저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>설정 저장</translation>
    </message>
    <message>
        <source>Sync with the center</source>
        <translation>센터와 동기화</translation>
    </message>
    <message>
        <source>C&amp;onnect to the center's server…</source>
        <translation>센터 서버에 연결(&amp;O)…</translation>
    </message>
    <message>
        <source>Connect to the center's server</source>
        <translation>센터 서버에 연결</translation>
    </message>
    <message>
        <source>S&amp;ync history</source>
        <translation>동기화 기록(&amp;Y)</translation>
    </message>
    <message>
        <source>Sync history</source>
        <translation>동기화 기록</translation>
    </message>
    <message>
        <source>Import the organisation &amp;key…</source>
        <translation>기관 키 가져오기(&amp;K)…</translation>
    </message>
    <message>
        <source>Import the organisation key (the center's desk)</source>
        <translation>기관 키 가져오기 (센터 데스크)</translation>
    </message>
    <message>
        <source>sleep (logind)</source>
        <translation>절전(logind)</translation>
    </message>
    <message>
        <source>session lock (logind)</source>
        <translation>세션 잠금(logind)</translation>
    </message>
    <message>
        <source>screen saver</source>
        <translation>화면 보호기</translation>
    </message>
    <message>
        <source>GNOME screen saver</source>
        <translation>GNOME 화면 보호기</translation>
    </message>
    <message>
        <source>Windows session lock</source>
        <translation>Windows 세션 잠금</translation>
    </message>
    <message>
        <source>Windows sleep</source>
        <translation>Windows 절전</translation>
    </message>
    <message>
        <source>hidden from screenshots and screen sharing</source>
        <translation>화면 캡처와 화면 공유에서 가려짐</translation>
    </message>
    <message>
        <source>shown black in screenshots and screen sharing</source>
        <translation>화면 캡처와 화면 공유에서 검게 표시됨</translation>
    </message>
    <message>
        <source>Safety:</source>
        <translation>안전 기능:</translation>
    </message>
    <message>
        <source>• Panic: Ctrl+Shift+L or Esc twice — saves, locks and hides at once.</source>
        <translation>• 긴급: Ctrl+Shift+L 또는 Esc 두 번 — 저장하고 잠그고 즉시 숨깁니다.</translation>
    </message>
    <message>
        <source>• Locks when the screen locks or the computer sleeps: %1</source>
        <translation>• 화면 잠금이나 절전 시 잠김: %1</translation>
    </message>
    <message>
        <source>not reported by this system (idle lock still works)</source>
        <translation>이 시스템에서는 알려 주지 않음 (자동 잠금은 동작함)</translation>
    </message>
    <message>
        <source>• Screen capture: %1</source>
        <translation>• 화면 캡처: %1</translation>
    </message>
    <message>
        <source>this system cannot keep the window out of screenshots — mind screen sharing</source>
        <translation>이 시스템에서는 화면 캡처를 막을 수 없음 — 화면 공유에 주의하세요</translation>
    </message>
    <message>
        <source>Sync is off: this laptop is not connected to the center's server. Everything works and stays on this laptop.</source>
        <translation>동기화 꺼짐: 이 노트북은 센터 서버에 연결되어 있지 않습니다. 모든 기능이 그대로 되고, 기록은 이 노트북에 남습니다.</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>서버: %1</translation>
    </message>
    <message>
        <source>Worker: %1</source>
        <translation>활동가: %1</translation>
    </message>
    <message>
        <source>This laptop's fingerprint: %1</source>
        <translation>이 노트북의 지문: %1</translation>
    </message>
    <message>
        <source>Connected since %1</source>
        <translation>연결한 때: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>백업(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>백업 복원(&amp;R)…</translation>
    </message>
    <message>
        <source>Back up the vault to a file</source>
        <translation>금고를 파일로 백업</translation>
    </message>
    <message>
        <source>C&amp;hange passphrase…</source>
        <translation>암호 바꾸기(&amp;H)…</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>암호 바꾸기</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>백업 복원</translation>
    </message>
    <message>
        <source>Vault</source>
        <translation>금고</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Share with a worker</source>
        <translation>활동가와 공유</translation>
    </message>
    <message>
        <source>The worker named here receives case %1, with every earlier version, at their next sync.</source>
        <translation>여기 적은 활동가가 다음 동기화 때 사례 %1를 이전 버전까지 모두 받습니다.</translation>
    </message>
    <message>
        <source>Worker to share the case with</source>
        <translation>사례를 공유할 활동가</translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation>공유(&amp;S)</translation>
    </message>
    <message>
        <source>Name the worker.</source>
        <translation>활동가 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>Asking the server for %1's laptops…</source>
        <translation>서버에 %1 님의 노트북을 묻는 중…</translation>
    </message>
    <message>
        <source>Shared with %1; it goes with the next sync.</source>
        <translation>%1 님과 공유했습니다. 다음 동기화 때 전달됩니다.</translation>
    </message>
    <message>
        <source>Worker &amp;name</source>
        <translation>활동가 이름(&amp;N)</translation>
    </message>
</context>
<context>
    <name>SyncArea</name>
    <message>
        <source>Donghaeng</source>
        <translation>동행</translation>
    </message>
</context>
<context>
    <name>SyncHistoryView</name>
    <message>
        <source>Sync history</source>
        <translation>동기화 기록</translation>
    </message>
    <message>
        <source>Sync rounds</source>
        <translation>동기화 회차</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>보냄</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>받음</translation>
    </message>
    <message>
        <source>Files sent</source>
        <translation>보낸 파일</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>No sync round yet.</source>
        <translation>아직 동기화한 적이 없습니다.</translation>
    </message>
    <message>
        <source>The last %1 rounds, newest first. Nothing that failed is lost: it is sent at the next round.</source>
        <translation>최근 %1회, 최신순. 실패한 것도 사라지지 않고 다음 회차에 보냅니다.</translation>
    </message>
    <message>
        <source>%1 change(s)</source>
        <translation>변경 %1건</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>No connection (kept on this laptop, sent later)</source>
        <translation>연결 없음 (이 노트북에 보관, 나중에 보냄)</translation>
    </message>
    <message>
        <source>The server refused this laptop: ask the center</source>
        <translation>서버가 이 노트북을 거부했습니다: 센터에 문의하세요</translation>
    </message>
    <message>
        <source>The server's key did not match: ask the center</source>
        <translation>서버 키가 맞지 않았습니다: 센터에 문의하세요</translation>
    </message>
    <message>
        <source>This version of Donghaeng is too old for the server</source>
        <translation>이 버전의 동행은 서버에 비해 오래되었습니다</translation>
    </message>
    <message>
        <source>Server error (tried again later)</source>
        <translation>서버 오류 (나중에 다시 시도)</translation>
    </message>
    <message>
        <source>The answer did not come from the server (a Wi-Fi login page?)</source>
        <translation>서버가 아닌 곳에서 답이 왔습니다 (로그인 페이지가 있는 Wi-Fi?)</translation>
    </message>
    <message>
        <source>Stopped: the laptop was locked or the app closed</source>
        <translation>멈춤: 잠금 또는 앱 종료</translation>
    </message>
    <message>
        <source>Wiped on the center's order</source>
        <translation>센터의 지시로 삭제됨</translation>
    </message>
    <message>
        <source>Failed (%1)</source>
        <translation>실패 (%1)</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Sync now</source>
        <translation>지금 동기화</translation>
    </message>
    <message>
        <source>Send and receive now (Ctrl+Shift+S)</source>
        <translation>지금 보내고 받기 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <source>Sync history: each round, what went and came</source>
        <translation>동기화 기록: 회차마다 보낸 것과 받은 것</translation>
    </message>
    <message>
        <source>Sync history</source>
        <translation>동기화 기록</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>지금 보내기</translation>
    </message>
    <message>
        <source>Send the large files over this metered network, this time</source>
        <translation>이번에는 이 종량제 네트워크로 큰 파일을 보냅니다</translation>
    </message>
    <message>
        <source>Send the files waiting for Wi-Fi now</source>
        <translation>Wi-Fi를 기다리는 파일을 지금 보내기</translation>
    </message>
    <message>
        <source>Sync: checking…</source>
        <translation>동기화: 확인하는 중…</translation>
    </message>
    <message>
        <source>Sync off (not enrolled)</source>
        <translation>동기화 꺼짐 (등록되지 않음)</translation>
    </message>
    <message>
        <source>Sending %1 of %2</source>
        <translation>%2 중 %1 보내는 중</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>동기화하는 중…</translation>
    </message>
    <message>
        <source>No connection — everything is kept on this laptop</source>
        <translation>연결 없음 — 모든 기록은 이 노트북에 보관됩니다</translation>
    </message>
    <message>
        <source>The server refused this laptop: ask the center</source>
        <translation>서버가 이 노트북을 거부했습니다: 센터에 문의하세요</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>최신 상태</translation>
    </message>
    <message>
        <source>%1 change(s)</source>
        <translation>변경 %1건</translation>
    </message>
    <message>
        <source>%1 file(s) (%2)</source>
        <translation>파일 %1개(%2)</translation>
    </message>
    <message>
        <source>%1 and %2 waiting</source>
        <translation>%1, %2 보낼 차례</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 보낼 차례</translation>
    </message>
    <message>
        <source>%1 file(s) (%2) wait for Wi-Fi</source>
        <translation>파일 %1개 (%2)가 Wi-Fi를 기다립니다</translation>
    </message>
    <message>
        <source>The center's policy: connect within %1 day(s) or this laptop will need an online check to open</source>
        <translation>센터 정책: %1일 안에 서버에 연결하지 않으면 이 노트북은 온라인 확인 뒤에만 열립니다</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>마지막 동기화 %1</translation>
    </message>
    <message>
        <source>Never synced yet</source>
        <translation>아직 동기화한 적 없음</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Due today and overdue</source>
        <translation>오늘까지 할 일과 지난 일</translation>
    </message>
    <message>
        <source>Loading the cases…</source>
        <translation>사례를 불러오는 중…</translation>
    </message>
    <message>
        <source>Next contacts and support-plan reviews due today or earlier, in open cases; overdue first. Open a row to go to its case.</source>
        <translation>진행 중인 사례에서 오늘까지 예정된 다음 연락과 지원계획 점검입니다. 지난 것이 먼저 나옵니다. 줄을 열면 그 사례로 갑니다.</translation>
    </message>
    <message>
        <source>Nothing is due today.</source>
        <translation>오늘 예정된 일이 없습니다.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>오늘 할 일</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>Donghaeng — locked</source>
        <translation>동행 — 잠김</translation>
    </message>
    <message>
        <source>Donghaeng is locked</source>
        <translation>동행이 잠겨 있습니다</translation>
    </message>
    <message>
        <source>Choose your account and enter your passphrase.</source>
        <translation>계정을 고르고 암호를 입력하세요.</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>계정(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>암호(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;New account…</source>
        <translation>새 계정(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>잠금 해제(&amp;U)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>계정</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>암호</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>새 계정</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>잠금 해제</translation>
    </message>
    <message>
        <source>&amp;Check with the center now</source>
        <translation>지금 센터와 확인(&amp;C)</translation>
    </message>
    <message>
        <source>Check with the center now</source>
        <translation>지금 센터와 확인</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>잠금 해제 중…</translation>
    </message>
    <message>
        <source>There is no account on this laptop yet.</source>
        <translation>이 노트북에는 아직 계정이 없습니다.</translation>
    </message>
    <message>
        <source>Enter your passphrase.</source>
        <translation>암호를 입력하세요.</translation>
    </message>
    <message>
        <source>Passphrase &amp;forgotten? (supervisor recovery)</source>
        <translation>암호를 잊으셨나요? (관리자 복구)(&amp;F)</translation>
    </message>
    <message>
        <source>Passphrase forgotten? (supervisor recovery)</source>
        <translation>암호를 잊으셨나요? (관리자 복구)</translation>
    </message>
    <message>
        <source>Passphrase reset with the recovery key. Unlock with the new passphrase.</source>
        <translation>복구 키로 암호를 새로 정했습니다. 새 암호로 잠금을 해제하세요.</translation>
    </message>
</context>
<context>
    <name>VaultDialogs</name>
    <message>
        <source>&amp;Current passphrase</source>
        <translation>현재 암호(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation>새 암호(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Passphrase of the backup</source>
        <translation>백업의 암호(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Repeat the new passphrase</source>
        <translation>새 암호 다시 입력(&amp;R)</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>백업</translation>
    </message>
    <message>
        <source>Backup written: %1
It is encrypted with this vault's passphrase; keep it away from this laptop.</source>
        <translation>백업을 저장했습니다: %1
이 금고의 암호로 암호화되어 있습니다. 이 노트북과 떨어진 곳에 보관하세요.</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>암호 바꾸기</translation>
    </message>
    <message>
        <source>Changing the passphrase…</source>
        <translation>암호를 바꾸는 중…</translation>
    </message>
    <message>
        <source>Checking and restoring the backup…</source>
        <translation>백업을 확인하고 복원하는 중…</translation>
    </message>
    <message>
        <source>Choose a backup file</source>
        <translation>백업 파일 선택</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>현재 암호</translation>
    </message>
    <message>
        <source>Enter the backup's passphrase.</source>
        <translation>백업의 암호를 입력하세요.</translation>
    </message>
    <message>
        <source>Enter the current passphrase.</source>
        <translation>현재 암호를 입력하세요.</translation>
    </message>
    <message>
        <source>File: %1
The backup becomes the vault of the worker it belongs to; an existing vault is never overwritten.</source>
        <translation>파일: %1
백업은 그 백업의 작업자 금고로 복원됩니다. 이미 있는 금고는 덮어쓰지 않습니다.</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>새 암호</translation>
    </message>
    <message>
        <source>No such backup file: %1</source>
        <translation>백업 파일이 없습니다: %1</translation>
    </message>
    <message>
        <source>Only the key slot is rewritten: records stay as they are, and a crash leaves either passphrase working.</source>
        <translation>키 슬롯만 다시 씁니다. 기록은 그대로이며, 도중에 멈춰도 이전 암호나 새 암호 중 하나로 열 수 있습니다.</translation>
    </message>
    <message>
        <source>Passphrase changed. Use the new one from the next unlock.</source>
        <translation>암호를 바꿨습니다. 다음 잠금 해제부터 새 암호를 쓰세요.</translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation>백업의 암호</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>새 암호 다시 입력</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>백업 복원</translation>
    </message>
    <message>
        <source>Restored. Lock, then choose the account in the unlock window to open it.</source>
        <translation>복원했습니다. 잠근 뒤 잠금 해제 화면에서 그 계정을 골라 여세요.</translation>
    </message>
    <message>
        <source>Save a backup of the vault</source>
        <translation>금고 백업 저장</translation>
    </message>
    <message>
        <source>Something went wrong (%1). Nothing was changed.</source>
        <translation>문제가 생겼습니다 (%1). 바뀐 것은 없습니다.</translation>
    </message>
    <message>
        <source>The new passphrase is the same as the current one.</source>
        <translation>새 암호가 현재 암호와 같습니다.</translation>
    </message>
    <message>
        <source>The new passphrases differ.</source>
        <translation>새 암호 두 개가 서로 다릅니다.</translation>
    </message>
    <message>
        <source>Writing the backup to %1…</source>
        <translation>백업을 쓰는 중: %1…</translation>
    </message>
</context>
<context>
    <name>VerifyView</name>
    <message>
        <source>Verify a signed PDF</source>
        <translation>서명된 PDF 확인</translation>
    </message>
    <message>
        <source>&amp;Choose a PDF…</source>
        <translation>PDF 선택(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose a PDF to verify</source>
        <translation>확인할 PDF 선택</translation>
    </message>
    <message>
        <source>Verification report</source>
        <translation>확인 결과</translation>
    </message>
    <message>
        <source>Embedded files</source>
        <translation>포함된 파일</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>일치</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>No file checked yet.</source>
        <translation>아직 확인한 파일이 없습니다.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>확인하는 중…</translation>
    </message>
    <message>
        <source>Cannot check this file.</source>
        <translation>이 파일을 확인할 수 없습니다.</translation>
    </message>
    <message>
        <source>OK — unchanged since it was signed</source>
        <translation>정상 — 서명 후 바뀐 내용이 없습니다</translation>
    </message>
    <message>
        <source>FAILED — do not rely on this file</source>
        <translation>실패 — 이 파일을 믿지 마세요</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>아니오</translation>
    </message>
</context>
<context>
    <name>WorkersView</name>
    <message>
        <source>Workers</source>
        <translation>활동가 현황</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Workers and their laptops</source>
        <translation>활동가와 노트북</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>활동가</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>팀</translation>
    </message>
    <message>
        <source>Laptops</source>
        <translation>노트북</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>마지막 동기화</translation>
    </message>
    <message>
        <source>Waiting changes</source>
        <translation>보낼 변경</translation>
    </message>
    <message>
        <source>Waiting files</source>
        <translation>보낼 파일</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>충돌</translation>
    </message>
    <message>
        <source>(no team)</source>
        <translation>(팀 없음)</translation>
    </message>
    <message>
        <source>Records of this worker with two versions on the server: merge them in the case view</source>
        <translation>서버에 두 버전이 있는 이 활동가의 기록입니다: 사례 화면에서 병합하세요</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>서버에 묻는 중…</translation>
    </message>
    <message>
        <source>No worker has enrolled a laptop yet.</source>
        <translation>아직 노트북을 등록한 활동가가 없습니다.</translation>
    </message>
    <message>
        <source>As of %1. Waiting counts are what each laptop reported after its last successful sync.</source>
        <translation>%1 기준. 보낼 변경과 파일은 각 노트북이 마지막으로 동기화에 성공한 뒤 보고한 수입니다.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>Passphrase recovered</source>
        <translation>복구 키로 암호 재설정</translation>
    </message>
    <message>
        <source>The passphrase of one of this worker's laptops was reset with the organisation's recovery key (the latest time; reported by the laptop at its next sync)</source>
        <translation>이 활동가의 노트북 암호가 기관 복구 키로 재설정되었습니다 (가장 최근 시각; 노트북이 다음 동기화 때 보고)</translation>
    </message>
</context>
<context>
    <name>TakedownPanel</name>
    <message>
        <source>Requested</source>
        <translation>요청</translation>
    </message>
    <message>
        <source>Deletion requests (by date, newest first)</source>
        <translation>삭제 요청 경과 (날짜순, 최근 것부터)</translation>
    </message>
    <message>
        <source>Deletion requests of the case</source>
        <translation>이 사례의 삭제 요청</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Requested from</source>
        <translation>요청한 곳</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <source>Reference no.</source>
        <translation>접수번호</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>증거</translation>
    </message>
    <message>
        <source>%1 requests, %2 removed</source>
        <translation>요청 %1건, 삭제 확인 %2건</translation>
    </message>
    <message>
        <source>%1 still to follow up (requested or re-uploaded)</source>
        <translation>확인이 필요한 요청 %1건(회신 대기 또는 재유포)</translation>
    </message>
</context>
<context>
    <name>TakedownPacketDialog</name>
    <message>
        <source>Takedown packet for %1</source>
        <translation>%1 삭제 요청 패킷</translation>
    </message>
    <message>
        <source>Hash values, web addresses and dates of the case's evidence files, for one platform. No image, file name or case code.</source>
        <translation>사례 증거 파일의 해시값, 웹 주소, 날짜를 한 플랫폼에 보내도록 묶습니다. 이미지, 파일 이름, 사례 번호는 들어가지 않습니다.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Why the packet is needed without consent</source>
        <translation>동의 없이 패킷이 필요한 이유</translation>
    </message>
    <message>
        <source>&amp;Override reason</source>
        <translation>동의 없이 만드는 사유(&amp;O)</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>동의 없이 만드는 사유</translation>
    </message>
    <message>
        <source>&amp;Platform</source>
        <translation>플랫폼(&amp;P)</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <source>&amp;Save in</source>
        <translation>저장 위치(&amp;S)</translation>
    </message>
    <message>
        <source>Folder to save in</source>
        <translation>저장할 폴더</translation>
    </message>
    <message>
        <source>&amp;New folder</source>
        <translation>새 폴더 이름(&amp;N)</translation>
    </message>
    <message>
        <source>Name of the new folder</source>
        <translation>새 폴더 이름</translation>
    </message>
    <message>
        <source>Choose the folder to save in</source>
        <translation>저장할 폴더 선택</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>&amp;Make packet</source>
        <translation>패킷 만들기(&amp;M)</translation>
    </message>
    <message>
        <source>Make the takedown packet</source>
        <translation>삭제 요청 패킷 만들기</translation>
    </message>
    <message>
        <source>No consent of this case allows sharing hash values with this platform. To make the packet anyway, write why (kept in the audit log).</source>
        <translation>이 사례의 동의서 중 이 플랫폼에 해시값 제공을 허락한 것이 없습니다. 그래도 만들려면 사유를 적으세요 (감사 기록에 남습니다).</translation>
    </message>
    <message>
        <source>Write a name for the new folder.</source>
        <translation>새 폴더 이름을 적으세요.</translation>
    </message>
    <message>
        <source>Write why the packet is made without consent.</source>
        <translation>동의 없이 패킷을 만드는 사유를 적으세요.</translation>
    </message>
    <message>
        <source>Making the packet…</source>
        <translation>패킷을 만드는 중…</translation>
    </message>
    <message>
        <source>Packet made: %1
%2 item(s), %3 file(s) hashed</source>
        <translation>패킷을 만들었습니다: %1
항목 %2개, 해시한 파일 %3개</translation>
    </message>
    <message>
        <source>Refused: no consent of this case allows sharing hash values with this platform.</source>
        <translation>거부됨: 이 사례의 동의서 중 이 플랫폼에 해시값 제공을 허락한 것이 없습니다.</translation>
    </message>
</context>
<context>
    <name>IntimateChoice</name>
    <message>
        <source>Show intimate images on the pages</source>
        <translation>성적 이미지를 페이지에 표시</translation>
    </message>
    <message>
        <source>Why the recipient must see them in the document</source>
        <translation>받는 기관이 문서에서 직접 봐야 하는 이유</translation>
    </message>
    <message>
        <source>Reason for showing intimate images</source>
        <translation>성적 이미지 표시 사유</translation>
    </message>
    <message>
        <source>Write why to export: the reason is kept in the manifest and the audit log.</source>
        <translation>내보내려면 사유를 쓰세요. 사유는 매니페스트와 감사 기록에 남습니다.</translation>
    </message>
</context>
</TS>