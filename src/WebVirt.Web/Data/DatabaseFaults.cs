using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace WebVirt.Web.Data;

/// <summary>Tells an unreachable database (down, restarting, refusing connections) from a bug or bad data.</summary>
public static class DatabaseFaults
{
    // admin_shutdown, crash_shutdown, cannot_connect_now, and the connection_exception class (08xxx).
    private static readonly string[] UnreachableStates = ["57P01", "57P02", "57P03"];

    public static bool IsUnreachable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RetryLimitExceededException:
                    return true;
                case PostgresException postgres:
                    if (UnreachableStates.Contains(postgres.SqlState, StringComparer.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal))
                    {
                        return true;
                    }

                    break;
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case SocketException:
                    return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsUnreachable))
            {
                return true;
            }
        }

        return false;
    }
}
