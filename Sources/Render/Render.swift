// Render: see design.md for this module's job.
