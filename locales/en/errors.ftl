# Messages for the API's error codes (`{"error": {"code": …}}`), shown by the app.
# Every code in crates/mysehat/src/error.rs has a message here and in hi/errors.ftl.

error-invalid_request = The request could not be read. Please check it and try again.
error-malformed_json = The request could not be read. Please try again.
error-unsupported_media_type = The request was sent in a form the server does not accept.
error-validation_failed = Some details are missing or wrong. Please check the highlighted field.
error-invalid_phone = Please enter a valid 10-digit mobile number.
error-invalid_name = Please enter your name (up to 100 letters).
error-weak_password = The password needs at least 8 characters.
error-invalid_role = That role does not exist.
error-missing_affiliation = Staff accounts need a facility or an area.
error-phone_taken = An account with this mobile number already exists. Please log in instead.
error-invalid_credentials = The mobile number or password is wrong.
error-invalid_token = Your session has ended. Please log in again.
error-too_many_attempts = Too many wrong attempts. Please wait a little and try again.
error-unauthorized = Please log in to continue.
error-forbidden = Your account is not allowed to do this.
error-not_found = We could not find what you asked for.
error-method_not_allowed = This action is not possible here.
error-payload_too_large = What you sent is too large.
error-timeout = The server took too long to answer. Please try again.
error-not_implemented = This part of MySehat is coming soon.
error-internal = Something went wrong on our side. Please try again.
error-service_unavailable = MySehat is not reachable right now. Please try again soon.
error-conflict = Someone else changed this first. Here is how it stands now.
error-invalid_transition = That step is not possible at this stage.
