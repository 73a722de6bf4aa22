using System.Reflection;
using WebVirt.Agent.Hubs;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests.NativeAot;

/// <summary>
/// A Native AOT agent serializes the hub's messages only with <see cref="AgentHubJson"/>'s
/// compile-time metadata: a hub method or push whose type is not named there would fail in
/// production only, so it fails here.
/// </summary>
public class AgentHubJsonTests
{
    [Fact]
    public void Every_hub_method_parameter_and_answer_has_compile_time_metadata()
    {
        var methods = typeof(AgentHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        Assert.NotEmpty(methods);
        var missing = methods.SelectMany(m => TypesOf(m).Select(t => (Method: m.Name, Type: t)))
            .Where(used => AgentHubJson.Default.GetTypeInfo(used.Type) is null)
            .Select(used => $"AgentHub.{used.Method}: {used.Type}")
            .ToList();
        Assert.True(missing.Count == 0, "add [JsonSerializable(typeof(...))] to AgentHubJson for: " + string.Join("; ", missing));
    }

    [Fact]
    public void Every_push_to_the_consoles_has_compile_time_metadata()
    {
        var missing = typeof(IAgentClient).GetMethods()
            .SelectMany(m => TypesOf(m).Select(t => (Method: m.Name, Type: t)))
            .Where(used => AgentHubJson.Default.GetTypeInfo(used.Type) is null)
            .Select(used => $"IAgentClient.{used.Method}: {used.Type}")
            .ToList();
        Assert.True(missing.Count == 0, "add [JsonSerializable(typeof(...))] to AgentHubJson for: " + string.Join("; ", missing));
    }

    [Fact]
    public void A_type_that_is_not_registered_is_reported_missing()
    {
        // The checks above rely on GetTypeInfo answering null for an unknown type, not throwing or falling back to reflection.
        Assert.Null(AgentHubJson.Default.GetTypeInfo(typeof(AgentHubJsonTests)));
        Assert.NotNull(AgentHubJson.Default.GetTypeInfo(typeof(IReadOnlyList<GuestInfo>)));
    }

    /// <summary>What the method sends and receives: its parameters (SignalR fills a CancellationToken itself) and its answer, without the Task.</summary>
    private static IEnumerable<Type> TypesOf(MethodInfo method)
    {
        foreach (var parameter in method.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken)))
        {
            yield return parameter.ParameterType;
        }

        if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            yield return method.ReturnType.GetGenericArguments()[0];
        }
        else if (method.ReturnType != typeof(Task))
        {
            yield return method.ReturnType;
        }
    }
}
