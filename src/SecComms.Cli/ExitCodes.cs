namespace SecComms.Cli;

/// <summary>The process exit codes, stable for scripts; listed in the root <c>--help</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The API or a business rule refused the request (ProblemDetails, validation, conflict, database not migrated).</summary>
    public const int Refused = 1;
    /// <summary>The command line itself is wrong: unknown command, missing or conflicting options.</summary>
    public const int Usage = 2;
    /// <summary><c>audit verify</c> found the hash chain broken.</summary>
    public const int AuditChainBroken = 3;
    /// <summary>The API server or the database could not be reached or used.</summary>
    public const int Unavailable = 4;
    /// <summary>
    /// The work was done but not all of it succeeded: an import skipped bad rows (the good ones were imported), or a
    /// dispatch finished with recipients it failed to reach.
    /// </summary>
    public const int Partial = 5;
    public const int Cancelled = 130;

    public const string Summary =
        "Exit codes: 0 success; 1 refused by the API or a rule (the reason is on stderr); 2 usage error;\n" +
        "3 audit chain broken; 4 API server or database unreachable; 5 done in part (an import skipped rows, a dispatch\n" +
        "failed some recipients).";
}
