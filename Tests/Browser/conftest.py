"""The browser suite's fixtures: a scratch agency, `caseload serve` on a free loopback port,
headless Chromium at phone and desktop widths, an accessibility check and screenshots.

The agency is made with the command line (as an agency's admin would): the suite then uses
only the web pages, as officers and supervisees do.
"""
import json
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
import selenium_axe_python
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = pathlib.Path(__file__).resolve().parent / "screenshots"
PHONE = (360, 740)
DESKTOP = (1280, 900)
PASSWORD = "correct horse battery staple"
# axe-core 4.9.1 (see requirements.txt): the rules WCAG 2.2 pages are checked against today.
AXE_CORE = str(pathlib.Path(selenium_axe_python.__file__).parent / "axe-core" / "axe.min.js")


def caseload_binary():
    """The debug binary `swift build` made (the test script builds it first)."""
    if os.environ.get("CASELOAD_BIN"):
        return os.environ["CASELOAD_BIN"]
    bin_path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
    binary = pathlib.Path(bin_path) / "caseload"
    if not binary.exists():
        raise RuntimeError(f"{binary} is missing: run `swift build --product caseload` first")
    return str(binary)


class Agency:
    """A scratch database and the command line over it."""

    def __init__(self, directory):
        self.binary = caseload_binary()
        self.db = str(pathlib.Path(directory) / "agency.sqlite")

    def cli(self, *arguments, actor=None):
        command = [self.binary, *arguments, "--db", self.db, "--format", "json"]
        if actor:
            command += ["--actor", actor]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"caseload {' '.join(arguments)} failed ({done.returncode}): {done.stderr.strip()}")
        return json.loads(done.stdout) if done.stdout.strip() else None

    def invite(self, *, staff=None, case_ref=None, actor):
        options = ["--id", staff] if staff else ["--case-ref", case_ref]
        return self.cli("account", "invite", *options, actor=actor)["code"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def agency():
    """The agency of the whole suite: an admin, a supervisor and two officers, and one case on
    the second officer's caseload (the one the first officer must not open)."""
    directory = tempfile.mkdtemp(prefix="caseload-browser-")
    agency = Agency(directory)
    agency.cli("init", "--timezone", "Europe/London", "--agency", "Browser Test Agency", "--admin", "ada")
    for staff_id, name, role in [("sutherland", "Sam Sutherland", "supervisor"),
                                 ("okafor", "Grace Okafor", "officer"),
                                 ("patel", "Ravi Patel", "officer")]:
        agency.cli("officer", "add", "--id", staff_id, "--name", name, "--role", role, actor="ada")
    agency.cli("register", "--case-ref", "BRW-9001", "--name", "Other Person", "--born", "1980-01-01",
               "--released", time.strftime("%Y-%m-%d"), "--months", "6", "--level", "low",
               "--officer", "patel", actor="patel")
    yield agency
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def server(agency):
    """`caseload serve` over the scratch agency; its base URL."""
    port = free_port()
    log = open(pathlib.Path(agency.db).with_suffix(".log"), "w")
    process = subprocess.Popen([agency.binary, "serve", "--db", agency.db, "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as answer:
                if answer.status == 200:
                    break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("caseload serve did not start; see " + log.name)
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=15)
    log.close()


def make_driver(size):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-GB",
                 f"--window-size={size[0]},{size[1]}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # The window's outer size includes no chrome in headless mode, but set the inner width
    # exactly: a 360 px phone is the portal's promise.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": size[0], "height": size[1], "deviceScaleFactor": 1,
                            "mobile": size[0] < 500})
    return driver


class Browser:
    """One person's browser: its own cookies, at one width."""

    def __init__(self, base, size, label):
        self.base, self.size, self.label = base, size, label
        self.driver = make_driver(size)

    def open(self, path):
        self.driver.get(self.base + path)
        return self

    @property
    def path(self):
        """The address now shown, without the server and without any query (a notice's key)."""
        url = self.driver.current_url.split("?")[0].split("#")[0]
        return url[len(self.base):] if url.startswith(self.base) else url

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def field(self, name, within=None):
        """The input named `name`, in the form of the element `within` (css) when given."""
        scope = self.find(within).find_element(By.XPATH, "./ancestor-or-self::form[1]") if within else self.driver
        return scope.find_element(By.CSS_SELECTOR, f"[name='{name}']")

    def error_for(self, name, within=None):
        """The message shown beside a field: the element its aria-describedby names as an error."""
        ids = (self.field(name, within).get_attribute("aria-describedby") or "").split()
        errors = [self.find(f"#{i}").text for i in ids if i.endswith("-error")]
        assert errors, f"no error message tied to the field {name}"
        return errors[0]

    def text(self, css="main"):
        return self.find(css).text

    def fill(self, within=None, **fields):
        """Types into the form fields named like the keyword arguments (replacing any value).
        A page with several forms that share field names: `within` is the css of the button
        (or any element) of the form meant."""
        scope = self.find(within).find_element(By.XPATH, "./ancestor-or-self::form[1]") if within else self.driver
        for name, value in fields.items():
            element = scope.find_element(By.CSS_SELECTOR, f"[name='{name}']")
            tag, kind = element.tag_name, (element.get_attribute("type") or "").lower()
            if tag == "select":
                element.find_element(By.CSS_SELECTOR, f"option[value='{value}']").click()
            elif kind == "checkbox":
                if element.is_selected() != bool(value):
                    element.click()
            elif kind == "radio":
                scope.find_element(By.CSS_SELECTOR, f"[name='{name}'][value='{value}']").click()
            elif kind in ("date", "datetime-local", "time"):
                # Chrome types into these by the locale's segments (dd/mm/yyyy): set the value
                # as the date picker would, in the form's own format.
                self.driver.execute_script(
                    "arguments[0].value = arguments[1];"
                    "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                    "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, str(value))
                assert element.get_attribute("value") == str(value), f"{name} does not take {value!r}"
            else:
                element.clear()
                element.send_keys(str(value))
        return self

    def press(self, label):
        """Clicks the button whose visible text is `label` and waits for the next page."""
        old = self.find("html")
        buttons = [b for b in self.find_all("button, input[type=submit]")
                   if (b.text or b.get_attribute("value") or "").strip() == label]
        assert buttons, f"no button '{label}' on {self.path}: {[b.text for b in self.find_all('button')]}"
        buttons[0].click()
        wait_until(lambda: stale(old))
        return self

    def click(self, css):
        """Clicks the element (a button, by its id) and waits for the next page."""
        old = self.find("html")
        self.find(css).click()
        wait_until(lambda: stale(old))
        return self

    def follow(self, text):
        """Follows the link whose visible text contains `text`."""
        links = [a for a in self.find_all("a") if text in a.text]
        assert links, f"no link '{text}' on {self.path}"
        old = self.find("html")
        links[0].click()
        wait_until(lambda: stale(old))
        return self

    def check_accessibility(self):
        """axe-core: no serious or critical issue on this page."""
        axe = Axe(self.driver, script_url=AXE_CORE)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        assert not bad, f"axe on {self.path}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in bad)

    def _metrics(self, width, height):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1,
                                     "mobile": width < 500})

    def screenshot(self, name):
        """Saves the whole page at phone and at desktop width, then restores this browser's."""
        SCREENSHOTS.mkdir(exist_ok=True)
        for label, (width, height) in (("phone", PHONE), ("desktop", DESKTOP)):
            self._metrics(width, height)
            full = self.driver.execute_script("return document.documentElement.scrollHeight")
            self._metrics(width, max(full, height))
            self.driver.save_screenshot(str(SCREENSHOTS / f"{name}-{label}.png"))
        self._metrics(*self.size)

    def no_horizontal_scroll(self):
        """At phone width nothing may need sideways scrolling."""
        scroll, client = self.driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"{self.path} is {scroll} px wide in a {client} px window"

    def sign_in(self, user_name, password=PASSWORD):
        self.open("/sign-in").fill(userName=user_name, password=password).click("#sign-in")
        return self

    def activate_and_sign_in(self, user_name, code):
        """Activates the account with its one-time code, then signs in with the new password."""
        self.open("/activate").fill(userName=user_name, code=code, password=PASSWORD).click("#activate")
        assert self.path.startswith("/sign-in") and "active" in self.text("#notice")
        return self.sign_in(user_name)

    def sign_out(self):
        self.click("#sign-out")
        return self

    def close(self):
        self.driver.quit()


def stale(element):
    try:
        element.is_enabled()
        return False
    except Exception:  # StaleElementReferenceException: the page was replaced
        return True


def wait_until(condition, timeout=15):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the page")
        time.sleep(0.05)


@pytest.fixture(scope="session")
def browsers(server):
    """Opens browsers on demand, keyed by a label, and closes them all at the end."""
    opened = OPEN_BROWSERS
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)   # only this run's pictures

    def get(label, size=DESKTOP):
        if label not in opened:
            opened[label] = Browser(server, size, label)
        return opened[label]

    yield get
    for browser in opened.values():
        browser.close()
    opened.clear()


def page_check(browser, name):
    """What every main page gets: axe, and screenshots at both widths."""
    browser.check_accessibility()
    browser.screenshot(name)


OPEN_BROWSERS = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, saves what each open browser shows and says where it was, so a failure
    in CI can be read without running the suite again."""
    report = yield
    if report.when == "call" and report.failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        for label, browser in OPEN_BROWSERS.items():
            try:
                name = f"failed-{item.name}-{label}.png"
                browser.driver.save_screenshot(str(SCREENSHOTS / name))
                text = browser.driver.find_element(By.TAG_NAME, "body").text[:1500]
                report.sections.append((f"browser {label} at {browser.path}", text))
            except Exception as error:  # a browser that is gone tells nothing more
                report.sections.append((f"browser {label}", repr(error)))
    return report
