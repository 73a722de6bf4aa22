namespace WebVirt.Contracts;

public partial interface IAgentClient
{
    /// <summary>A task started, progressed or finished.</summary>
    Task TaskChanged(AgentTaskInfo task);
}
