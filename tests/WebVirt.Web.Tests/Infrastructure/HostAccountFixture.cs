using WebVirt.Testing;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>Real host accounts and a PAM service for one test class (see <see cref="TestHostAccounts"/>).</summary>
public sealed class HostAccountFixture : IAsyncLifetime
{
    private TestHostAccounts? _accounts;

    public TestHostAccounts Accounts => _accounts ?? throw new InvalidOperationException("Not initialized.");

    public string OperatorGroup => Accounts.OperatorGroup;

    public string AdminGroup => Accounts.AdminGroup;

    public string Member => Accounts.Member;

    public string Outsider => Accounts.Outsider;

    public string Password => Accounts.Password;

    public string Service => Accounts.Service;

    public Task JoinAsync(string user, string group) => Accounts.JoinAsync(user, group);

    public Task LeaveAsync(string user, string group) => Accounts.LeaveAsync(user, group);

    public async Task InitializeAsync() => _accounts = await TestHostAccounts.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_accounts is not null)
        {
            await _accounts.DisposeAsync();
        }
    }
}
