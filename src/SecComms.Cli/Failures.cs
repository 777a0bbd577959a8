using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Errors;

namespace SecComms.Cli;

/// <summary>The one mapping from an exception to the line the user reads and the exit code scripts see.</summary>
internal static class Failures
{
    public static (int ExitCode, string Message) Describe(Exception exception) => exception switch
    {
        CliException e => (e.ExitCode, e.Message),
        SecCommsException e => (ExitCodes.Refused, $"{e.Title}: {e.Message}"),
        DbUpdateException e => (ExitCodes.Refused, $"the database refused the change: {(e.InnerException ?? e).Message}"),
        DbException e => (ExitCodes.Unavailable, $"database error: {e.Message}"),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled."),
        _ => (ExitCodes.Refused, $"unexpected failure ({exception.GetType().Name}): {exception.Message}"),
    };
}
