"""The journey of issue 12, in order, through the pages only: a supervisor registers a release
and invites the supervisee; the supervisee activates, signs in on a 360 px phone and submits
life-log entries (without and with a shared location); the officer sees them, schedules an
interview series (preview, then save), logs an outcome; curfew breaches reported by sightings
appear for review and are confirmed; two confirmed make a recall recommended, which the
supervisor rejects with a rationale; a later high-severity violation makes a new
recommendation, which the supervisor approves.

The steps share one agency and run in the order written (pytest keeps it); each names what it
checks. Every main page gets axe-core and screenshots at phone and desktop widths.
"""
import datetime
import re
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By

from conftest import PHONE, page_check, wait_until

LONDON = ZoneInfo("Europe/London")
CASE_REF = "BRW-0001"
HOME = (51.5072, -0.1276)          # the registered home point, and where the phone says it is
AWAY = (51.5500, -0.0500)          # about 7 km from home: a curfew breach at night
EXCLUDED = (51.4700, -0.4543)      # the centre of the exclusion zone added below

state = {}


def today():
    return datetime.datetime.now(LONDON).date()


def local(days_ago, hour, minute):
    """A local date-time as the forms take it: YYYY-MM-DDTHH:MM."""
    day = today() - datetime.timedelta(days=days_ago)
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def readable(day):
    """A date as the pages write it: Monday 9 March 2026."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def next_lifelog(browser):
    """The record's next life-log line (docs/lifelog.md §5, as the portal shows it)."""
    return browser.text("dd[id^='next-lifelog-']")


def violation_buttons(browser, kind, action="confirm"):
    """The confirm (or dismiss) buttons of the listed violations of one kind."""
    found = []
    for button in browser.find_all(f"button[id^='{action}-']"):
        row = button.find_element(By.XPATH, "./ancestor::*[self::tr or self::li or self::article or self::section][1]")
        if kind in row.text:
            found.append(button)
    return found


def entry_count(phone):
    """How many past entries the portal lists."""
    return len(phone.find_all("section.entry"))


def entries_text(phone):
    return "\n".join(entry.text for entry in phone.find_all("section.entry"))


def choose(browser, name, label_part):
    """Picks, in a select or a group of radios named `name`, the choice whose label contains
    `label_part`."""
    fields = browser.find_all(f"[name='{name}']")
    assert fields, f"no field {name} on {browser.path}"
    if fields[0].tag_name == "select":
        options = [o for o in fields[0].find_elements(By.TAG_NAME, "option") if label_part in o.text]
        assert options, [o.text for o in fields[0].find_elements(By.TAG_NAME, "option")]
        options[0].click()
        return
    labels = {radio: browser.find(f"label[for='{radio.get_attribute('id')}']").text for radio in fields}
    matching = [radio for radio, label in labels.items() if label_part in label]
    assert matching, list(labels.values())
    matching[0].click()


# --- Signed out ----------------------------------------------------------------------------

def test_signed_out_visitor_is_sent_to_sign_in(browsers):
    visitor = browsers("visitor")
    for path in ["/", "/home", "/cases", "/cases/1", "/portal", "/admin", "/recalls"]:
        visitor.open(path)
        assert visitor.path.startswith("/sign-in"), f"{path} led to {visitor.path}"
    page_check(visitor, "sign-in")
    visitor.open("/activate")
    page_check(visitor, "activate")


# --- The supervisor registers a release and invites the supervisee ------------------------------

def test_supervisor_activates_and_signs_in(agency, browsers):
    code = agency.invite(staff="sutherland", actor="ada")
    supervisor = browsers("supervisor").activate_and_sign_in("sutherland", code)
    assert supervisor.path == "/home"
    page_check(supervisor, "home-supervisor")


def test_a_refused_registration_keeps_what_was_typed_and_names_the_field(agency, browsers):
    supervisor = browsers("supervisor")
    supervisor.open("/register")
    page_check(supervisor, "register")
    supervisor.fill(caseRef="BRW 0001!", name="Jordan Example", born="1990-05-17",
                    released=(today() - datetime.timedelta(days=8)).isoformat(), months="6",
                    level="medium", officer="okafor", home=f"{HOME[0]},{HOME[1]}").click("#register")
    assert supervisor.path == "/register"
    assert "case reference" in supervisor.text("#error-summary").lower()
    assert "case reference" in supervisor.error_for("caseRef").lower()
    assert supervisor.field("name").get_attribute("value") == "Jordan Example"
    assert supervisor.field("caseRef").get_attribute("value") == "BRW 0001!"
    page_check(supervisor, "register-refused")
    # Nothing was registered.
    assert agency.cli("overdue", actor="sutherland") is not None
    supervisor.open("/cases")
    assert "Jordan Example" not in supervisor.text()
    supervisor.open("/register")
    supervisor.fill(caseRef="BRW 0001!", name="Jordan Example", born="1990-05-17",
                    released=(today() - datetime.timedelta(days=8)).isoformat(), months="6",
                    level="medium", officer="okafor", home=f"{HOME[0]},{HOME[1]}")


def test_supervisor_registers_a_release(browsers):
    supervisor = browsers("supervisor")
    supervisor.fill(caseRef=CASE_REF).click("#register")
    match = re.fullmatch(r"/cases/(\d+)", supervisor.path)
    assert match, supervisor.path
    state["case"] = match.group(1)
    record = supervisor.text()
    assert CASE_REF in record and "Jordan Example" in record
    # Released 8 days ago at medium: the first life-log was due yesterday, its window is open.
    day = datetime.timedelta(days=1)
    assert next_lifelog(supervisor) == (f"due {readable(today() - day)} — the window is open until "
                                        f"{readable(today() + day)}, nothing submitted yet"), next_lifelog(supervisor)
    page_check(supervisor, "record")


def test_supervisor_invites_the_supervisee(browsers):
    supervisor = browsers("supervisor")
    supervisor.click("#action-invite")
    page_check(supervisor, "invite")
    supervisor.click("#invite")
    assert supervisor.text("#activation-user").strip() == CASE_REF
    code = supervisor.find("#activation-code").text.strip()
    assert re.fullmatch(r"[a-z0-9]{4}(-[a-z0-9]{4}){7}", code), code
    state["supervisee code"] = code
    page_check(supervisor, "invite-code")


# --- The supervisee, on a 360 px phone ----------------------------------------------------------

def test_supervisee_activates_and_signs_in_on_a_phone(browsers):
    phone = browsers("supervisee", PHONE).activate_and_sign_in(CASE_REF, state["supervisee code"])
    assert phone.path == "/portal"
    portal = phone.text()
    assert "life-log" in portal.lower()
    phone.no_horizontal_scroll()
    page_check(phone, "portal")


def test_supervisee_submits_an_entry_without_a_location(browsers):
    phone = browsers("supervisee", PHONE)
    before = entry_count(phone)
    phone.fill(residence="12 Example Street", employment="Warehouse, days", activities="Gym, job centre",
               wellbeing="4").click("#submit-entry")
    assert phone.path == "/portal"
    assert entry_count(phone) == before + 1
    newest = phone.find_all("section.entry")[0].text
    assert "Warehouse, days" in newest and "Location\nNot shared" in newest, newest
    # Yesterday's due date is filled: the next is in six days (the record says the same, below).
    assert phone.text("#next-lifelog").startswith(f"Due {readable(today() + datetime.timedelta(days=6))}."), \
        phone.text("#next-lifelog")
    phone.no_horizontal_scroll()
    page_check(phone, "portal-after-entry")


def test_supervisee_submits_an_entry_sharing_the_location(server, browsers):
    phone = browsers("supervisee", PHONE)
    phone.driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": server, "permissions": ["geolocation"]})
    phone.driver.execute_cdp_cmd("Emulation.setGeolocationOverride",
                                 {"latitude": HOME[0], "longitude": HOME[1], "accuracy": 25})
    phone.open("/portal")
    before = entry_count(phone)
    phone.fill(residence="12 Example Street", wellbeing="3", shareLocation=True)
    # location.js fills the hidden fields once the phone answers.
    wait_until(lambda: phone.find("[name='lat']").get_attribute("value") != "")
    assert float(phone.find("[name='accuracy']").get_attribute("value")) == 25
    phone.click("#submit-entry")
    assert entry_count(phone) == before + 1
    assert "Location\nShared" in phone.find_all("section.entry")[0].text
    state["entries"] = before + 1


def test_a_resubmitted_form_is_not_recorded_twice(browsers):
    phone = browsers("supervisee", PHONE)
    phone.open("/portal")
    before = entry_count(phone)
    phone.fill(residence="Same form twice", wellbeing="5").click("#submit-entry")
    assert entry_count(phone) == before + 1
    # Back to the filled form, and send it again: the same form id is recorded once.
    phone.driver.back()
    wait_until(lambda: phone.find_all("#submit-entry"))
    phone.click("#submit-entry")
    phone.open("/portal")
    assert entry_count(phone) == before + 1
    state["entries"] = before + 1


def test_supervisee_cannot_see_anyone_else(browsers):
    phone = browsers("supervisee", PHONE)
    for path in ["/home", "/cases", f"/cases/{state['case']}", "/violations", "/recalls", "/register", "/admin"]:
        phone.open(path)
        assert phone.path == path
        assert "Other Person" not in phone.text("body")
        assert "cannot open this page" in phone.text().lower(), phone.text()[:200]
    phone.open("/portal")
    assert "Other Person" not in phone.text("body") and "BRW-9001" not in phone.text("body")


# --- The officer --------------------------------------------------------------------------------

def test_officer_signs_in_and_sees_the_entries(agency, browsers):
    code = agency.invite(staff="okafor", actor="ada")
    officer = browsers("officer").activate_and_sign_in("okafor", code)
    assert officer.path == "/home"
    page_check(officer, "home-officer")
    officer.open("/cases")
    page_check(officer, "caseload")
    officer.fill(q="Jordan").click("#search")
    assert CASE_REF in officer.text() and "BRW-9001" not in officer.text()
    officer.open(f"/cases/{state['case']}")
    record = officer.text()
    assert "12 Example Street" in record
    assert "51.507" in record, "the shared location is on the record"
    assert next_lifelog(officer) == f"due {readable(today() + datetime.timedelta(days=6))}", next_lifelog(officer)


def test_officer_cannot_open_another_officers_case(browsers):
    supervisor = browsers("supervisor")
    supervisor.open("/cases")
    links = [row.find_element(By.TAG_NAME, "a").get_attribute("href")
             for row in supervisor.find_all("tbody tr") if "BRW-9001" in row.text]
    assert links, "the supervisor sees every caseload"
    officer = browsers("officer")
    officer.driver.get(links[0])
    body = officer.text("body")
    assert "Other Person" not in body and "BRW-9001" not in body
    assert "this record is not on their caseload" in body, body[:300]


def test_officer_schedules_a_series_with_a_preview_then_saves_it(browsers):
    officer = browsers("officer")
    officer.open(f"/cases/{state['case']}").click("#action-interviews")
    page_check(officer, "schedule")
    first = local(-1, 10, 0)   # tomorrow, 10:00
    officer.fill(at=first, minutes="45", kind="office", **{"repeat": "3", "every": "7"}).click("#preview")
    preview = officer.text()
    assert preview.count("10:00") >= 3, preview
    page_check(officer, "schedule-preview")
    officer.click("#save")
    assert re.fullmatch(r"/cases/\d+", officer.path)
    assert officer.text().count("10:00") >= 3


def test_officer_logs_an_outcome(browsers):
    officer = browsers("officer")
    # An interview that took place yesterday: schedule it, then log it as attended.
    officer.open(f"/cases/{state['case']}").click("#action-interviews")
    officer.fill(at=local(1, 9, 30), minutes="60", kind="office", **{"repeat": "1", "every": ""}).click("#preview")
    officer.click("#save")
    officer.click("#action-outcome")
    page_check(officer, "outcome")
    choose(officer, "appointmentId", "09:30")
    officer.fill(outcome="attended").click("#log-outcome")
    assert re.fullmatch(r"/cases/\d+", officer.path)
    assert "attended" in officer.text().lower()


# --- Violations and recall ------------------------------------------------------------------------

def test_curfew_breaches_appear_for_review_and_are_confirmed(browsers):
    officer = browsers("officer")
    officer.open(f"/cases/{state['case']}").click("#action-restrictions")
    page_check(officer, "add-restriction")
    released = (today() - datetime.timedelta(days=8)).isoformat()
    officer.fill(kind="curfew", **{"from": "21:00", "to": "06:00"}, starts=released).click("#add-restriction")
    assert "21:00" in officer.text()
    for days_ago in (2, 1):
        officer.open(f"/cases/{state['case']}").click("#action-locations")
        officer.fill(at=local(days_ago, 23, 30), lat=str(AWAY[0]), lon=str(AWAY[1]), accuracy="10",
                     source="officer").click("#report-location")
    officer.open("/home")
    assert "2 open violation" in officer.text(), "the breaches wait for review on the officer's home page"
    page_check(officer, "home-officer-with-work")
    officer.open("/violations")
    page_check(officer, "violations")
    breaches = violation_buttons(officer, "curfew")
    assert len(breaches) == 2, officer.text()
    officer.click("#" + breaches[0].get_attribute("id"))
    assert officer.path == "/violations" and officer.find_all("#notice")
    remaining = violation_buttons(officer, "curfew")
    assert len(remaining) == 1, "the confirmed one left the open list"
    officer.click("#" + remaining[0].get_attribute("id"))


def test_two_confirmed_violations_make_a_recall_recommended_which_the_supervisor_rejects(browsers):
    supervisor = browsers("supervisor")
    supervisor.open("/home")
    assert CASE_REF in supervisor.text(), "the recommendation is on the supervisor's home page"
    page_check(supervisor, "home-supervisor-with-work")
    supervisor.open("/recalls")
    page_check(supervisor, "recalls")
    decide = f"#decide-{state['case']}"
    # A decision without a rationale is refused, names the field and changes nothing.
    supervisor.fill(within=decide, decision="reject").click(decide)
    assert "rationale" in supervisor.text("#error-summary").lower()
    assert "rationale" in supervisor.error_for("rationale", within=decide).lower()
    supervisor.open("/recalls")
    assert CASE_REF in supervisor.text()
    supervisor.fill(within=decide, decision="reject",
                    rationale="Both breaches were one family emergency; warned in person.")
    supervisor.click(f"#decide-{state['case']}")
    supervisor.open("/recalls")
    assert CASE_REF not in supervisor.text()


def test_a_later_high_severity_violation_is_approved_for_recall(browsers):
    officer = browsers("officer")
    officer.open(f"/cases/{state['case']}").click("#action-restrictions")
    officer.fill(kind="exclusion", circle=f"{EXCLUDED[0]},{EXCLUDED[1]},500", name="Victim's street")
    officer.click("#add-restriction")
    now = datetime.datetime.now(LONDON) - datetime.timedelta(minutes=1)
    officer.open(f"/cases/{state['case']}").click("#action-locations")
    officer.fill(at=now.strftime("%Y-%m-%dT%H:%M"), lat=str(EXCLUDED[0]), lon=str(EXCLUDED[1]), accuracy="5",
                 source="officer").click("#report-location")
    officer.open("/violations")
    exclusion = violation_buttons(officer, "exclusion")
    assert len(exclusion) == 1, officer.text()
    officer.click("#" + exclusion[0].get_attribute("id"))
    assert officer.find_all("#notice")

    supervisor = browsers("supervisor")
    supervisor.open("/recalls")
    assert CASE_REF in supervisor.text()
    decide = f"#decide-{state['case']}"
    supervisor.fill(within=decide, decision="approve", rationale="Entered the exclusion zone after a final warning.")
    supervisor.click(f"#decide-{state['case']}")
    supervisor.open(f"/cases/{state['case']}")
    assert "revoked" in supervisor.text().lower()
