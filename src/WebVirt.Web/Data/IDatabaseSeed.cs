namespace WebVirt.Web.Data;

/// <summary>
/// Rows a working console needs in its database, written at every start once the schema is
/// current (<see cref="DatabaseInitializer"/>). The part that owns the rows implements it (the
/// roles and first administrator belong to Security), so the database layer runs it without
/// depending on that part.
/// </summary>
public interface IDatabaseSeed
{
    /// <summary>Writes what is missing and leaves what exists; runs in the initializer's scope.</summary>
    Task SeedAsync(CancellationToken cancellationToken);
}
