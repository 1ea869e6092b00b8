using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClientIp.CodeFixes.Configuration;

/// <summary>What a project's composition root says about the header the resolver reads.</summary>
internal enum RootState
{
    /// <summary>No composition root in the project (a class library): the host configures the resolver.</summary>
    None,

    /// <summary>A root that does not call <c>AddClientIp</c>: the resolver reads X-Forwarded-For.</summary>
    NotRegistered,

    /// <summary><c>AddClientIp()</c> or <c>AddClientIp(o =&gt; ...)</c> without <c>ForwardedHeader</c>: X-Forwarded-For.</summary>
    DefaultHeader,

    /// <summary><c>ForwardedHeader = "..."</c> set to a literal in the <c>AddClientIp</c> delegate.</summary>
    Configured,

    /// <summary><c>AddClientIp(configuration)</c>: the header comes from configuration, unknown here.</summary>
    FromConfiguration,

    /// <summary>Several <c>AddClientIp</c> calls, or a delegate this fix cannot read or edit.</summary>
    Unknown,
}

/// <summary>
/// The place in a project where services are registered, found by syntax so that finding it is cheap enough for the
/// lightbulb: an existing <c>AddClientIp</c> call anywhere in the project, else a web or generic host builder's
/// <c>builder.Services</c> before <c>builder.Build()</c> (top-level statements or <c>Main</c>), else
/// <c>Startup.ConfigureServices(IServiceCollection services)</c>, else a <c>ConfigureServices(services =&gt; { ... })</c>
/// lambda. Only documents whose text mentions one of these names are parsed; the answer is kept per project snapshot.
/// </summary>
internal sealed class CompositionRoot
{
    private static readonly SourceTextSearch MarkerSearch = new(
        WellKnownSymbols.AddClientIpName, "CreateBuilder", "CreateSlimBuilder", "CreateEmptyBuilder", "CreateApplicationBuilder", "ConfigureServices");

    private static readonly string[] BuilderFactories = { "CreateBuilder", "CreateSlimBuilder", "CreateEmptyBuilder", "CreateApplicationBuilder" };

    private static readonly ConditionalWeakTable<Project, Task<CompositionRoot>> PerProject = new();

    private CompositionRoot(RootState state, Document? document, SyntaxNode? site, string? configuredHeader, string? services = null, bool viaBuilder = false)
    {
        State = state;
        Document = document;
        Site = site;
        ConfiguredHeader = configuredHeader;
        ServicesName = services;
        ServicesViaBuilder = viaBuilder;
    }

    public RootState State { get; }

    /// <summary>The document holding the root (null for <see cref="RootState.None"/>).</summary>
    public Document? Document { get; }

    /// <summary>
    /// The node to edit: the <c>AddClientIp</c> invocation, or the statement (or block) after which a registration goes.
    /// </summary>
    public SyntaxNode? Site { get; }

    /// <summary>
    /// For <see cref="RootState.NotRegistered"/>: the name the registration is written on, the builder
    /// (<c>builder.Services</c>, <see cref="ServicesViaBuilder"/>) or the <c>IServiceCollection</c> parameter.
    /// </summary>
    public string? ServicesName { get; }

    public bool ServicesViaBuilder { get; }

    /// <summary>The header set in code (<see cref="RootState.Configured"/>).</summary>
    public string? ConfiguredHeader { get; }

    /// <summary>The root's file name, for titles and comments (e.g. <c>Program.cs</c>).</summary>
    public string FileName => Document is null ? string.Empty : Path.GetFileName(Document.FilePath ?? Document.Name);

    /// <summary>The root of <paramref name="project"/>, found once per project snapshot.</summary>
    public static Task<CompositionRoot> ForAsync(Project project, CancellationToken cancellationToken) =>
        PerProject.GetValue(project, p => FindAsync(p, CancellationToken.None));

    /// <summary>Finds the root again (after an edit of the project), without the cache.</summary>
    public static Task<CompositionRoot> FindAsync(Project project, CancellationToken cancellationToken) => FindCoreAsync(project, cancellationToken);

    private static async Task<CompositionRoot> FindCoreAsync(Project project, CancellationToken cancellationToken)
    {
        // What each file holds is kept per syntax tree, which an edit elsewhere in the project leaves as it is: after
        // such an edit only the edited file is searched again.
        var candidates = new List<(Document Document, TreeFacts Facts)>();
        foreach (var document in project.Documents)
        {
            if (document.SupportsSyntaxTree && await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false) is { } tree &&
                PerTree.GetValue(tree, t => TreeFacts.Of(t, cancellationToken)) is { IsCandidate: true } facts)
            {
                candidates.Add((document, facts));
            }
        }

        // Program.cs and Startup.cs first: where people look, and where a new registration belongs.
        candidates = candidates.OrderBy(c => Rank(c.Document)).ThenBy(c => c.Document.FilePath ?? c.Document.Name, StringComparer.Ordinal).ToList();
        var registrations = candidates.SelectMany(c => c.Facts.Registrations.Select(call => (c.Document, Call: call))).ToList();
        if (registrations.Count == 1)
        {
            var (document, call) = registrations[0];
            var (state, header) = Classify(call);
            if (state == RootState.FromConfiguration && ConfigureLambda(call) is null &&
                !await IsConfigurationAsync(document, call.ArgumentList.Arguments[0].Expression, cancellationToken).ConfigureAwait(false))
            {
                state = RootState.Unknown; // AddClientIp(configureAction): a delegate kept elsewhere
            }

            return new CompositionRoot(state, document, call, header);
        }

        if (registrations.Count > 1)
        {
            return new CompositionRoot(RootState.Unknown, registrations[0].Document, registrations[0].Call, null);
        }

        return candidates.FirstOrDefault(c => c.Facts.Site is not null) is { Document: not null } found
            ? new CompositionRoot(RootState.NotRegistered, found.Document, found.Facts.Site!.Value.Site, null, found.Facts.Site.Value.Services, found.Facts.Site.Value.ViaBuilder)
            : new CompositionRoot(RootState.None, null, null, null);
    }

    private static readonly ConditionalWeakTable<SyntaxTree, TreeFacts> PerTree = new();

    /// <summary>What one file says about service registration: its <c>AddClientIp</c> calls and where a registration would go.</summary>
    private sealed class TreeFacts
    {
        private static readonly TreeFacts Nothing = new(false, new List<InvocationExpressionSyntax>(), null);

        private TreeFacts(bool isCandidate, List<InvocationExpressionSyntax> registrations, (SyntaxNode Site, string Services, bool ViaBuilder)? site)
        {
            IsCandidate = isCandidate;
            Registrations = registrations;
            Site = site;
        }

        public bool IsCandidate { get; }

        public List<InvocationExpressionSyntax> Registrations { get; }

        public (SyntaxNode Site, string Services, bool ViaBuilder)? Site { get; }

        /// <summary>Only files whose text names a marker are parsed.</summary>
        public static TreeFacts Of(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (MarkerSearch.Find(tree.GetText(cancellationToken), cancellationToken) == 0)
            {
                return Nothing;
            }

            var root = tree.GetRoot(cancellationToken);
            var registrations = root.DescendantNodes().OfType<InvocationExpressionSyntax>().Where(IsAddClientIp).ToList();
            return new TreeFacts(true, registrations, ServicesSite(root));
        }
    }

    /// <summary>Whether the argument is an <c>IConfiguration</c> (asked only when AddClientIp has one argument that is not a lambda).</summary>
    private static async Task<bool> IsConfigurationAsync(Document document, ExpressionSyntax argument, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var type = model?.GetTypeInfo(argument, cancellationToken).Type;
        return type is not null && (IsConfiguration(type) || type.AllInterfaces.Any(IsConfiguration));

        static bool IsConfiguration(ITypeSymbol type) =>
            type.Name == "IConfiguration" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Configuration";
    }

    private static int Rank(Document document) => Path.GetFileName(document.FilePath ?? document.Name) switch
    {
        "Program.cs" => 0,
        "Startup.cs" => 1,
        _ => 2,
    };

    /// <summary><c>x.AddClientIp(...)</c>, by name (the edit checks the symbol).</summary>
    public static bool IsAddClientIp(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: WellKnownSymbols.AddClientIpName };

    /// <summary>What an <c>AddClientIp</c> call configures, read from its arguments.</summary>
    private static (RootState State, string? Header) Classify(InvocationExpressionSyntax call)
    {
        var arguments = call.ArgumentList.Arguments;
        if (arguments.Count == 0)
        {
            return (RootState.DefaultHeader, null);
        }

        var configure = ConfigureLambda(call);
        var fromConfiguration = arguments.Count == 2 || (arguments.Count == 1 && configure is null);
        if (arguments.Count > 2 || (arguments.Count == 2 && configure is null))
        {
            return (RootState.Unknown, null);
        }

        if (configure is null)
        {
            // One argument that is not a lambda: a configuration section (the usual), or an Action<ClientIpOptions>
            // variable; the edit tells them apart by type and adds the lambda only for a configuration.
            return (RootState.FromConfiguration, null);
        }

        var assignments = HeaderAssignments(configure).ToList();
        if (assignments.Count == 0)
        {
            return (fromConfiguration ? RootState.FromConfiguration : RootState.DefaultHeader, null);
        }

        return assignments.Count == 1 && assignments[0].Right is LiteralExpressionSyntax { Token.Value: string header }
            ? (RootState.Configured, header)
            : (RootState.Unknown, null);
    }

    /// <summary>The <c>Action&lt;ClientIpOptions&gt;</c> lambda of an <c>AddClientIp</c> call (its last argument), if it is one.</summary>
    public static LambdaExpressionSyntax? ConfigureLambda(InvocationExpressionSyntax call) =>
        call.ArgumentList.Arguments.LastOrDefault()?.Expression as LambdaExpressionSyntax is { } lambda && ParameterName(lambda) is not null
            ? lambda
            : null;

    public static string? ParameterName(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
        _ => null,
    };

    /// <summary>Every <c>o.ForwardedHeader = ...</c> in the lambda.</summary>
    public static IEnumerable<AssignmentExpressionSyntax> HeaderAssignments(LambdaExpressionSyntax lambda)
    {
        var parameter = ParameterName(lambda);
        return lambda.Body.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>().Where(a =>
            a.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ForwardedHeader", Expression: IdentifierNameSyntax owner } &&
            owner.Identifier.ValueText == parameter);
    }

    /// <summary>
    /// Where a registration goes when there is none: the statement after which <c>builder.Services.AddClientIp(...)</c> is
    /// inserted (the last <c>builder.*</c> statement before <c>builder.Build()</c>, else the builder's declaration), or
    /// the body of <c>ConfigureServices(IServiceCollection services)</c> or of a <c>ConfigureServices(services =&gt; { })</c>
    /// lambda.
    /// </summary>
    private static (SyntaxNode Site, string Services, bool ViaBuilder)? ServicesSite(SyntaxNode root)
    {
        foreach (var declaration in root.DescendantNodes().OfType<LocalDeclarationStatementSyntax>())
        {
            if (declaration.Declaration.Variables is not { Count: 1 } variables ||
                variables[0].Initializer?.Value is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax factory } ||
                !BuilderFactories.Contains(factory.Name.Identifier.ValueText))
            {
                continue;
            }

            var builder = variables[0].Identifier.ValueText;
            var statements = StatementsAround(declaration);
            var anchor = StatementLayout.Movable(declaration);
            var start = IndexOf(statements, anchor);
            for (var i = start + 1; i < statements.Count; i++)
            {
                var statement = Unwrapped(statements[i]);
                if (statement.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call => IsCallOn(call, builder, "Build")))
                {
                    return (anchor, builder, true);
                }

                if (statement is ExpressionStatementSyntax { Expression: var expression } && LeftmostName(expression) == builder)
                {
                    anchor = statements[i];
                }
            }
        }

        foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (method.Identifier.ValueText == "ConfigureServices" && method.Body is { } body &&
                method.ParameterList.Parameters.Count == 1 && method.ParameterList.Parameters[0].Type is { } type &&
                type.ToString().EndsWith("IServiceCollection", StringComparison.Ordinal))
            {
                return (body, method.ParameterList.Parameters[0].Identifier.ValueText, false);
            }
        }

        foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureServices" } &&
                call.ArgumentList.Arguments.Count == 1 &&
                call.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax { Body: BlockSyntax lambdaBody } lambda &&
                LastParameter(lambda) is { } services)
            {
                return (lambdaBody, services, false);
            }
        }

        return null;
    }

    /// <summary>The services parameter of <c>ConfigureServices((context, services) =&gt; ...)</c> or <c>(services =&gt; ...)</c>: the last one.</summary>
    private static string? LastParameter(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: { Count: > 0 } parameters } => parameters[parameters.Count - 1].Identifier.ValueText,
        _ => null,
    };

    /// <summary>The statements a statement is listed with: its block, or the file's top-level statements.</summary>
    private static IReadOnlyList<SyntaxNode> StatementsAround(StatementSyntax statement) => statement.Parent switch
    {
        BlockSyntax block => block.Statements,
        GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } => unit.Members,
        _ => new SyntaxNode[] { statement },
    };

    private static int IndexOf(IReadOnlyList<SyntaxNode> nodes, SyntaxNode node)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] == node)
            {
                return i;
            }
        }

        return -1;
    }

    private static SyntaxNode Unwrapped(SyntaxNode node) => node is GlobalStatementSyntax global ? global.Statement : node;

    private static bool IsCallOn(InvocationExpressionSyntax call, string receiver, string method) =>
        call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax name } member &&
        name.Identifier.ValueText == receiver && member.Name.Identifier.ValueText == method;

    private static string? LeftmostName(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case IdentifierNameSyntax name:
                    return name.Identifier.ValueText;
                case MemberAccessExpressionSyntax member:
                    expression = member.Expression;
                    continue;
                case InvocationExpressionSyntax invocation:
                    expression = invocation.Expression;
                    continue;
                case AssignmentExpressionSyntax assignment:
                    expression = assignment.Left;
                    continue;
                default:
                    return null;
            }
        }
    }
}
