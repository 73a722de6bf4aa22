using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace WebVirt.Data;

/// <summary>Runs one read-modify-write of the store, turning the database's complaints into what the caller can act on.</summary>
internal static class StoreWrite
{
    // The sync and the event thread can both find a guest missing and insert it; the loser re-reads and updates.
    private const int Attempts = 3;

    public static async Task<T> RunAsync<T>(string hostId, Func<CancellationToken, Task<T>> write, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write(ct);
            }
            catch (DbUpdateException ex) when (SqlState(ex) == PostgresErrorCodes.UniqueViolation && attempt < Attempts)
            {
            }
            catch (DbUpdateException ex) when (SqlState(ex) == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw HostNotRegistered(hostId, ex);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                // Bulk COPY writes report the database's error directly, not through EF.
                throw HostNotRegistered(hostId, ex);
            }
        }
    }

    public static Task RunAsync(string hostId, Func<CancellationToken, Task> write, CancellationToken ct) =>
        RunAsync(hostId, async token =>
        {
            await write(token);
            return true;
        }, ct);

    public static InvalidOperationException HostNotRegistered(string hostId, Exception? inner) =>
        new($"Host '{hostId}' is not registered; call {nameof(InventoryStore.EnsureHostAsync)} first.", inner);

    private static string? SqlState(DbUpdateException ex) => (ex.InnerException as PostgresException)?.SqlState;
}
