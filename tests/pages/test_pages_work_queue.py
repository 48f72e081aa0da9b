"""The work queue page: a rejected EM order is listed for the court admin, who can re-send it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from pages_support import api_token, csrf_token
from sqlalchemy import select

from reference_system.adapters.orm import EmOrderRow, NotificationRow
from reference_system.domain.model import NotificationStatus, OrderStatus


def _a_rejected_order(app, client: TestClient, hearing: dict) -> int:
    """Share a tagged bail curfew over the API, then record the provider's refusal as the dispatcher would."""
    headers = api_token(client, "adviser@MAG01")
    defendant = hearing["defendants"][0]["id"]
    drafted = client.put(f"/api/v1/hearings/{hearing['id']}/results/{defendant}", headers=headers, json={
        "version": hearing["version"], "outcome": "ADJOURNED_CONDITIONAL_BAIL", "curfew": {
            "address": {"line1": "1 Court Street", "postcode": "NG1 1AA"}, "start_time": "19:00",
            "end_time": "07:00", "starts_at": "2036-12-01T17:00:00+00:00", "electronically_monitored": True}})
    assert drafted.status_code == 200, drafted.text
    shared = client.post(f"/api/v1/hearings/{hearing['id']}/share", headers=headers,
                         json={"version": drafted.json()["version"]})
    order_id = shared.json()["em_orders"][0]["id"]
    with app.state.platform.database.writing() as session, session.begin():
        order = session.get(EmOrderRow, order_id)
        order.status, order.last_error = OrderStatus.REJECTED, "HTTP 422: unknown address"
        order.rejected_at = order.created_at
        notification = session.scalar(select(NotificationRow).where(NotificationRow.em_order_id == order_id))
        notification.status = NotificationStatus.FAILED
    return order_id


def test_a_rejected_order_is_on_the_work_queue_and_can_be_re_sent(app, signed_in, todays_hearing):
    admin = signed_in("admin@MAG01")
    order_id = _a_rejected_order(app, admin, todays_hearing)
    page = admin.get("/work-queue")
    assert "<title>Work queue – Court case platform</title>" in page.text
    assert "Order rejected" in page.text and "HTTP 422: unknown address" in page.text
    assert f'action="/work-queue/em-orders/{order_id}/resend"' in page.text
    assert "Rejected orders (1)" in page.text

    after = admin.post(f"/work-queue/em-orders/{order_id}/resend", data={"csrf_token": csrf_token(page.text)})
    assert after.url.path == "/work-queue"
    assert f"EM order {order_id} for case {todays_hearing['urn']} has been sent to the provider again." in after.text
    assert "There is nothing to do here." in after.text
    order = admin.get(f"/api/v1/em-orders/{order_id}", headers=api_token(admin, "admin@MAG01")).json()
    assert order["status"] == "PENDING"


def test_re_sending_an_order_that_is_not_rejected_says_why_instead_of_failing(app, signed_in, todays_hearing):
    admin = signed_in("admin@MAG01")
    order_id = _a_rejected_order(app, admin, todays_hearing)
    token = csrf_token(admin.get("/work-queue").text)
    first = admin.post(f"/work-queue/em-orders/{order_id}/resend", data={"csrf_token": token}, follow_redirects=False)
    assert first.status_code == 303

    again = admin.post(f"/work-queue/em-orders/{order_id}/resend", data={"csrf_token": token}, follow_redirects=False)

    assert again.status_code == 303 and again.headers["location"] == f"/em-orders/{order_id}"
    assert "Only a rejected order can be re-sent" in admin.get(again.headers["location"]).text


def test_re_send_without_the_csrf_token_is_refused(app, signed_in, todays_hearing):
    admin = signed_in("admin@MAG01")
    order_id = _a_rejected_order(app, admin, todays_hearing)
    response = admin.post(f"/work-queue/em-orders/{order_id}/resend", data={})
    assert response.status_code == 403
    assert "This form could not be accepted" in response.text


def test_only_a_court_admin_sees_the_work_queue(signed_in):
    response = signed_in("adviser@MAG01").get("/work-queue")
    assert response.status_code == 403
    assert "cannot see the work queue" in response.text


def test_the_em_order_page_offers_re_send_only_to_a_court_admin_for_a_rejected_order(app, signed_in, todays_hearing):
    admin = signed_in("admin@MAG01")
    order_id = _a_rejected_order(app, admin, todays_hearing)
    page = admin.get(f"/em-orders/{order_id}").text
    assert f'action="/work-queue/em-orders/{order_id}/resend"' in page and "HTTP 422: unknown address" in page
    admin.post(f"/work-queue/em-orders/{order_id}/resend", data={"csrf_token": csrf_token(page)})
    assert "Only a rejected order can be re-sent." in admin.get(f"/em-orders/{order_id}").text


def test_the_case_page_lists_messages_to_agencies_in_words(app, signed_in, todays_hearing):
    admin = signed_in("admin@MAG01")
    _a_rejected_order(app, admin, todays_hearing)
    html = admin.get(f"/cases/{todays_hearing['urn']}").text
    assert "Messages to agencies" in html and "New EM order" in html and "EM provider" in html


def test_another_centres_em_order_is_not_found(app, signed_in, todays_hearing):
    order_id = _a_rejected_order(app, signed_in("admin@MAG01"), todays_hearing)
    assert signed_in("admin@MAG02").get(f"/em-orders/{order_id}").status_code == 404
