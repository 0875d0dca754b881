// Caseload's one script: fills the life-log form's hidden lat/lon/accuracy fields from the
// phone's location, only when the person ticks "Share my location". Without JavaScript, or if
// the person says no, the entry is sent without a location.
(function () {
  "use strict";
  var box = document.getElementById("f-shareLocation");
  var lat = document.getElementById("f-lat");
  var lon = document.getElementById("f-lon");
  var accuracy = document.getElementById("f-accuracy");
  var status = document.getElementById("location-status");
  if (!box || !lat || !lon || !accuracy) { return; }
  function say(text) { if (status) { status.textContent = text; } }
  function clear() { lat.value = ""; lon.value = ""; accuracy.value = ""; }
  box.addEventListener("change", function () {
    clear();
    if (!box.checked) { say("Your location will not be sent."); return; }
    if (!navigator.geolocation) { say("This phone cannot share its location. The entry will be sent without it."); box.checked = false; return; }
    say("Finding your location…");
    navigator.geolocation.getCurrentPosition(function (position) {
      lat.value = position.coords.latitude.toFixed(6);
      lon.value = position.coords.longitude.toFixed(6);
      accuracy.value = Math.round(position.coords.accuracy).toString();
      say("Your location will be sent with this entry (accurate to about " + accuracy.value + " metres).");
    }, function () {
      box.checked = false;
      say("Your location could not be found. The entry will be sent without it.");
    }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
  });
}());
