/**
 * A faithful in-process Omni connections API, for tests, the sandbox and users checking their
 * GitOps repositories without a real Omni instance. Start it with {@link
 * dev.gitops.omni.simulator.OmniSimulator#start(SimulatorOptions)}.
 *
 * <p>It implements {@code docs/omni-api.md}: every documented error detail is returned verbatim.
 * Where the reference is silent, the simulator chooses, and these choices are marked here so nobody
 * mistakes them for Omni's words:
 *
 * <ul>
 *   <li>{@code Bad Request: passwordUnencrypted: Invalid service account JSON} (BigQuery password
 *       that is not a service-account document with every listed key), on create and on rotation.
 *   <li>{@code Bad Request: acceptsLicense: Invalid literal value, expected true} (Oracle with
 *       {@code acceptsLicense: false}; absent gives the documented {@code ...: Required}).
 *   <li>{@code Bad Request: maxBillingBytes: Must contain only digits} and {@code Bad Request:
 *       maxBillingBytes: Only supported for BigQuery connections}.
 *   <li>{@code Bad Request: queryTimeoutSeconds: Number must be less than or equal to 3600}.
 *   <li>zod-style type errors, e.g. {@code Bad Request: port: Expected number, received string},
 *       {@code Bad Request: queryTimeoutSeconds: Expected integer, received float}, {@code Bad
 *       Request: environmentUserAttribute.attributeName: Required}.
 *   <li>list: {@code Bad Request: sortDirection: Invalid enum value. Expected 'asc' | 'desc',
 *       received '<v>'} and the same shape for {@code includeDeleted} ({@code 'true' | 'false'});
 *       several bad dialects are listed as {@code Invalid dialect(s): a, b}.
 *   <li>401 {@code Unauthorized}, 429 {@code Too Many Requests}, 500 {@code Internal Server Error},
 *       503 {@code Service Unavailable}, 404 {@code Not Found} (a path outside the API), 410 {@code
 *       Connection already archived}; all as {@code {"detail", "status"}}.
 *   <li>DELETE answers {@code {"success": true}}; GET-one of an archived connection answers 200
 *       with {@code deletedAt} set (only DELETE answers 410).
 * </ul>
 *
 * <p>Other choices: a JSON {@code null} in a create body counts as "not sent"; unknown create keys
 * are ignored and not stored (so {@code environmentUserAttribute} must be set by PATCH, as the
 * reference only documents it there); {@code baseRole} is null when a create does not send one;
 * {@code sqlserver} is not accepted as a create dialect; the list is sorted by name ascending
 * unless asked otherwise; a PATCH changing role or attribute together with credentials answers the
 * role/attribute message; a connection's own unchanged values are "No updates were made".
 *
 * <p>Several organisations may share one simulator, the bearer token choosing which one a request
 * acts for (Omni gives each organisation its own host): another organisation's connection id
 * answers 404 {@code Connection not found}, its connections are never listed, and attribute values
 * need only be unique within an organisation. See {@link dev.gitops.omni.simulator.Organisations}.
 *
 * <p>Schema-refresh schedules ({@code v1/connections/{id}/schedules}, {@code ScheduleRoutes}) and
 * connection environments ({@code connection-environments} on both prefixes, {@code
 * EnvironmentRoutes}) follow the contract's rules: a 6-field EventBridge cron with exactly one
 * {@code ?} day field, an IANA time zone, several schedules per connection; environment connections
 * live, of the base's dialect, linked to a base once, values unique per base; 404 {@code Connection
 * with id … does not exist} on schedule calls for an unknown or archived connection and, for {@link
 * dev.gitops.omni.simulator.SimulatorOptions#scheduleNotReadyFor()} after a create, for a new one.
 * The simulator's own choices there:
 *
 * <ul>
 *   <li>details {@code Bad Request: schedule: Invalid cron expression: <why>}, {@code Bad Request:
 *       timezone: Invalid time zone '<v>' (use an IANA name like Europe/Paris)}, 404 {@code
 *       Schedule with id … does not exist} and {@code Connection environment with id … does not
 *       exist}; an environment POST naming a missing, archived, other-dialect, already linked or
 *       the base connection itself is a 400 naming {@code baseConnectionId} or {@code
 *       environmentConnectionIds};
 *   <li>a schedule POST answers 201 with the bare schedule, GET and PUT the bare schedule, DELETE
 *       {@code {"success": true}}; the cron is kept as sent, {@code description} is the simulator's
 *       own English, {@code hardRefresh} is stored but not answered, {@code disabledAt} is null;
 *       PUT replaces the whole body; unknown body keys are ignored; the body is checked before the
 *       connection;
 *   <li>an environment PUT or DELETE answers {@code {"success": true}}; a new record has no values;
 *       repeated values in one PUT are kept once; the base's own default values are not compared
 *       with its environments' values; links are allowed whether or not the base has an environment
 *       user attribute (Omni then ignores them); a connection may be an environment of several
 *       bases;
 *   <li>archiving a connection removes its environment records (as base or as environment) and
 *       keeps its schedules, which answer 404 with the connection.
 * </ul>
 */
package dev.gitops.omni.simulator;
