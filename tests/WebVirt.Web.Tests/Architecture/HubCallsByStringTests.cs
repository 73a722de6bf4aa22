using System.Reflection;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Web.Tests.Architecture;

/// <summary>
/// Every call from the web to an agent goes through the typed gateway: read from the web's sources,
/// no file but the hub proxy names a hub method or sends over the hub connection.
/// </summary>
public sealed class HubCallsByStringTests
{
    private static readonly string WebProject = Path.Combine(RepositoryRoot.Find(), "src", "WebVirt.Web");

    [Fact]
    public void No_web_file_but_the_hub_proxy_names_a_hub_method_or_calls_the_hub_connection()
    {
        var offenders = SourceFiles()
            .Where(file => file.Path != HubCallRules.ProxyFile)
            .SelectMany(file => HubCallRules.Violations(file.Text).Select(why => $"{file.Path}: {why}"))
            .ToList();

        Assert.True(offenders.Count == 0, "Call agents through the gateway (src/WebVirt.Web/Agents/Gateway):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_hub_proxy_is_where_every_hub_method_is_named()
    {
        var proxy = SourceFiles().Single(file => file.Path == HubCallRules.ProxyFile).Text;

        var missing = typeof(IAgentHub).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(method => $"nameof(IAgentHub.{method.Name})")
            .Concat(typeof(IAgentClient).GetMethods().Select(method => $"nameof(IAgentClient.{method.Name})"))
            .Where(name => !proxy.Contains(name, StringComparison.Ordinal))
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("var host = await hub.InvokeAsync<HostInfo>(nameof(IAgentHub.GetHost), token);")]
    [InlineData("await agents.QueryAsync<HostDetails>(hostId, \"GetHostDetails\", []);")]
    [InlineData("_hub.On<GuestInfo>(nameof(WebVirt.Contracts.IAgentClient.GuestChanged), OnGuestChanged);")]
    [InlineData("using Microsoft.AspNetCore.SignalR.Client;\nawait _hub.SendAsync(method, args);")]
    [InlineData("return connection.InvokeCoreAsync<ActionResult>(method, args, token);")]
    public void The_rules_catch_each_way_of_calling_the_hub_by_name(string source) =>
        Assert.NotEmpty(HubCallRules.Violations(source));

    [Theory]
    [InlineData("await Changed.InvokeAsync();")]
    [InlineData("_module = await JS.InvokeAsync<IJSObjectReference>(\"import\", \"./js/volume-upload.js\");")]
    [InlineData("var pools = await Gateway.GetPoolsAsync(HostId);")]
    public void The_rules_leave_blazor_and_gateway_calls_alone(string source) =>
        Assert.Empty(HubCallRules.Violations(source));

    private static IEnumerable<(string Path, string Text)> SourceFiles() =>
        Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".razor", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(WebProject, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Select(path => (path, File.ReadAllText(Path.Combine(WebProject, path))));
}
