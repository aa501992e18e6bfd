// `npm run conformance`: start the reference server on a temporary SQLite database, run the whole
// harness against it and write reports/latest/. Neither half exists yet (issues "reference core" and
// "harness"), so this says so and fails rather than pretending to have checked anything.
console.error(
  "scim-conformance: the reference server and the harness are not built yet; nothing was checked.",
);
process.exit(1);
