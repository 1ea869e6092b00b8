using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes.Configuration;

/// <summary>
/// Makes the project's resolver read a header: adds
/// <c>builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"), options =&gt; options.ForwardedHeader = "X-Real-IP");</c>
/// to a host builder's registrations (or <c>services.AddClientIp(options =&gt; ...)</c> to <c>ConfigureServices</c>), or
/// sets <c>ForwardedHeader</c> in the <c>AddClientIp</c> call already there (adding the configure delegate to
/// <c>AddClientIp()</c> or <c>AddClientIp(configuration)</c>, or a statement to its delegate).
/// </summary>
internal static class ResolverConfigurationEdit
{
    private const string HeaderProperty = "ForwardedHeader";

    /// <summary>The configuration section the resolver's options bind from (<c>ClientIpOptions.SectionName</c>).</summary>
    private const string SectionName = "ClientIp";

    /// <summary>The edited root document, or null when the project has no root this edit can change.</summary>
    public static async Task<DocumentEdit?> ApplyAsync(Project project, string header, CancellationToken cancellationToken)
    {
        var root = await CompositionRoot.FindAsync(project, cancellationToken).ConfigureAwait(false);
        if (root.Document is not { } document || root.Site is not { } site)
        {
            return null;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var symbols = model is null ? null : WellKnownSymbols.For(model.Compilation);
        if (symbols?.ClientIpServiceRegistration is null)
        {
            return null;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var generator = editor.Generator;
        var marker = DocumentEdit.NewMarker();
        SyntaxNode changed;
        switch (root.State)
        {
            case RootState.NotRegistered:
                var parameter = FreeName(model!, site.Span.End, "options", "clientIpOptions", "o");
                var configure = generator.ValueReturningLambdaExpression(parameter, SetHeader(generator, parameter, header));
                SyntaxNode registration;
                if (root.ServicesViaBuilder)
                {
                    // builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"), o => ...): the proxies
                    // stay configurable (TrustedProxies) without code, the header is the one the code trusted.
                    var builder = generator.IdentifierName(root.ServicesName!);
                    registration = generator.InvocationExpression(
                        generator.MemberAccessExpression(generator.MemberAccessExpression(builder, "Services"), WellKnownSymbols.AddClientIpName),
                        generator.InvocationExpression(generator.MemberAccessExpression(generator.MemberAccessExpression(builder, "Configuration"), "GetSection"), generator.LiteralExpression(SectionName)),
                        configure);
                }
                else
                {
                    registration = generator.InvocationExpression(
                        generator.MemberAccessExpression(generator.IdentifierName(root.ServicesName!), WellKnownSymbols.AddClientIpName), configure);
                }

                var statement = (StatementSyntax)generator.ExpressionStatement(registration);
                if (site is BlockSyntax block)
                {
                    changed = statement.WithAdditionalAnnotations(marker);
                    editor.ReplaceNode(block, block.AddStatements((StatementSyntax)changed));
                }
                else
                {
                    // On its own line right after the anchor, indented like it.
                    var indentation = site.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
                    var newLine = site.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                    SyntaxNode inserted = site is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;
                    changed = inserted
                        .WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
                        .WithTrailingTrivia(newLine == default ? SyntaxFactory.ElasticCarriageReturnLineFeed : newLine)
                        .WithAdditionalAnnotations(marker);
                    editor.InsertAfter(site, changed);
                }

                break;

            case RootState.DefaultHeader or RootState.FromConfiguration when site is InvocationExpressionSyntax call:
                changed = WithHeader(generator, call, header).WithAdditionalAnnotations(marker);
                editor.ReplaceNode(call, changed);
                break;

            default:
                return null;
        }

        var newRoot = editor.GetChangedRoot();
        if (root.State == RootState.NotRegistered && !IsRegistrationInScope(model!, site.Span.End, symbols) && newRoot is CompilationUnitSyntax unit)
        {
            newRoot = UsingDirectiveAdder.Add(unit, symbols.ClientIpServiceRegistration!.ContainingNamespace.ToDisplayString());
        }

        return new DocumentEdit(document, document.WithSyntaxRoot(newRoot), marker, new[] { site });
    }

    /// <summary><c>AddClientIp()</c>, <c>AddClientIp(configuration)</c> or <c>AddClientIp(o =&gt; ...)</c> with the header set.</summary>
    private static SyntaxNode WithHeader(SyntaxGenerator generator, InvocationExpressionSyntax call, string header)
    {
        if (CompositionRoot.ConfigureLambda(call) is not { } lambda)
        {
            var argument = (ArgumentSyntax)generator.Argument(generator.ValueReturningLambdaExpression("options", SetHeader(generator, "options", header)));
            return call.WithArgumentList(call.ArgumentList.AddArguments(argument));
        }

        var name = CompositionRoot.ParameterName(lambda)!;
        var newLine = StatementLayout.EndOfLine(call);
        var assignment = (StatementSyntax)generator.ExpressionStatement(SetHeader(generator, name, header));
        switch (lambda.Body)
        {
            case BlockSyntax block:
                var last = block.Statements.LastOrDefault();
                var indentation = last?.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)) ?? default;
                assignment = assignment.WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
                    .WithTrailingTrivia(newLine);
                return call.ReplaceNode(block, block.AddStatements(assignment));

            case ExpressionSyntax expression:
                // o => o.X = ...  becomes a block on its own lines.
                var first = (StatementSyntax)generator.ExpressionStatement(expression.WithoutTrivia());
                return call.ReplaceNode(lambda, StatementLayout.WithBlockBody(lambda, new[] { first, assignment }));

            default:
                return call;
        }
    }

    private static SyntaxNode SetHeader(SyntaxGenerator generator, string parameter, string header) =>
        generator.AssignmentStatement(
            generator.MemberAccessExpression(generator.IdentifierName(parameter), HeaderProperty),
            generator.LiteralExpression(header));

    private static bool IsRegistrationInScope(SemanticModel model, int position, WellKnownSymbols symbols) =>
        symbols.Get(Microsoft_Extensions_DependencyInjection_IServiceCollection) is { } services &&
        model.LookupSymbols(position, services, WellKnownSymbols.AddClientIpName, includeReducedExtensionMethods: true)
            .Any(s => SymbolEqualityComparer.Default.Equals(s.ContainingType, symbols.ClientIpServiceRegistration));

    /// <summary>The first of <paramref name="candidates"/> that names nothing visible at <paramref name="position"/>.</summary>
    private static string FreeName(SemanticModel model, int position, params string[] candidates) =>
        candidates.FirstOrDefault(name => model.LookupSymbols(position, name: name).IsEmpty) ?? candidates[candidates.Length - 1];
}
