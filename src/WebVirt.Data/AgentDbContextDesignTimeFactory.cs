using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WebVirt.Data;

/// <summary>Lets dotnet-ef build the context without a startup project; generating a migration never connects.</summary>
internal sealed class AgentDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AgentDbContext>
{
    // `dotnet ef database update` does connect, so a developer can point it elsewhere.
    private const string ConnectionStringVariable = "WEBVIRT_DESIGN_PG";

    private const string LocalDevelopmentServer = "Host=127.0.0.1;Port=5432;Database=webvirt;Username=webvirt";

    public AgentDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } configured
            ? configured
            : LocalDevelopmentServer;
        var builder = new DbContextOptionsBuilder<AgentDbContext>();
        AgentDbContextOptions.Configure(builder, connectionString);
        return new AgentDbContext(builder.Options);
    }
}
