"""The admin's pages: accounts, holidays and the audit chain's status; and the refusals of
case work to an admin and of admin pages to everyone else."""
from conftest import PASSWORD, page_check


def test_admin_lands_on_admin_and_manages_accounts_and_holidays(agency, browsers):
    code = agency.invite(staff="ada", actor="ada")
    admin = browsers("admin")
    admin.open("/activate").fill(userName="ada", code=code, password=PASSWORD).click("#activate")
    admin.sign_in("ada")
    assert admin.path == "/admin"
    page = admin.text()
    assert "sutherland" in page and "okafor" in page
    assert "verified" in page.lower() or "intact" in page.lower()
    page_check(admin, "admin")

    admin.fill(id="nguyen", name="Linh Nguyen", role="officer").click("#add-officer")
    assert "nguyen" in admin.text()
    admin.fill(id="nguyen").click("#invite-staff")
    assert admin.find("#activation-code").text.strip()
    page_check(admin, "admin-invite-code")

    admin.open("/admin")
    admin.fill(date="2026-12-25", name="Christmas Day").click("#add-holiday")
    assert "Christmas Day" in admin.text()

    # A refused holiday keeps what was typed and names the field.
    admin.fill(date="2026-02-30", name="Not a day").click("#add-holiday")
    assert admin.find("#error-summary")
    assert admin.find("#f-date").get_attribute("value") == "2026-02-30"


def test_admin_does_no_case_work(browsers):
    admin = browsers("admin")
    for path in ["/home", "/cases", "/register", "/violations", "/recalls"]:
        admin.open(path)
        assert "not permitted" in admin.text("body").lower() or "admin" in admin.text("body").lower()


def test_sign_out_ends_the_session(browsers):
    admin = browsers("admin")
    admin.open("/admin").sign_out()
    assert admin.path.startswith("/sign-in")
    admin.open("/admin")
    assert admin.path.startswith("/sign-in")
