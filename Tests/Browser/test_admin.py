"""The admin's pages: accounts, holidays and the audit chain's status; and the refusals of
case work to an admin and of admin pages to everyone else."""
from conftest import page_check


def test_admin_lands_on_admin_and_manages_accounts_and_holidays(agency, browsers):
    code = agency.invite(staff="ada", actor="ada")
    admin = browsers("admin").activate_and_sign_in("ada", code)
    assert admin.path == "/admin"
    page = admin.text()
    assert "sutherland" in page and "okafor" in page
    assert "verified" in page.lower() or "intact" in page.lower()
    page_check(admin, "admin")

    admin.fill(within="#add-officer", id="nguyen", name="Linh Nguyen", role="officer").click("#add-officer")
    assert "nguyen" in admin.text()
    admin.fill(within="#invite-staff", id="nguyen").click("#invite-staff")
    assert admin.find("#activation-code").text.strip()
    page_check(admin, "admin-invite-code")

    admin.open("/admin")
    admin.fill(within="#add-holiday", date="2026-12-25", name="Christmas Day").click("#add-holiday")
    assert "Christmas Day" in admin.text()

    # A refused holiday (no date) names the field, keeps what was typed and adds nothing.
    admin.fill(within="#add-holiday", name="Boxing Day").click("#add-holiday")
    assert "date" in admin.text("#error-summary").lower()
    assert "date" in admin.error_for("date", within="#add-holiday").lower()
    assert admin.field("name", within="#add-holiday").get_attribute("value") == "Boxing Day"
    admin.open("/admin")
    assert "Boxing Day" not in admin.text()


def test_admin_does_no_case_work(browsers):
    admin = browsers("admin")
    for path in ["/home", "/cases", "/register", "/violations", "/recalls"]:
        admin.open(path)
        assert "cannot open this page" in admin.text().lower(), admin.text()


def test_sign_out_ends_the_session(browsers):
    admin = browsers("admin")
    admin.open("/admin").sign_out()
    assert admin.path.startswith("/sign-in")
    admin.open("/admin")
    assert admin.path.startswith("/sign-in")
