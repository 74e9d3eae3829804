package org.atlasops.detect.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Azure OpenAI resource logs, category {@code RequestResponse}, as Azure Monitor diagnostic settings write them to a
 * storage account or event hub (learn.microsoft.com, "Monitor Azure OpenAI" and "Azure resource log schema":
 * {@code time, resourceId, operationName, category, resultType, resultSignature} (the HTTP status), {@code
 * durationMs, callerIpAddress, identity, correlationId}, and {@code properties}, a JSON text with {@code apiName,
 * modelDeploymentName, modelName, objectId, streamType}). Each becomes a model API access event. Azure does not log
 * the URL: {@code url.path} is rebuilt from the operation and deployment.
 */
final class AzureOpenAi implements Adapter.RecordAdapter {
    @Override
    public List<ObjectNode> adapt(ObjectNode r) throws Adapter.NotThisShape {
        if (!r.has("operationName") || !r.has("time")) {
            throw new Adapter.NotThisShape(
                    "not an Azure resource log record (it has time, operationName, category and properties)");
        }
        String category = Json.text(r, "category").orElse("RequestResponse");
        if (!category.equalsIgnoreCase("RequestResponse")) {
            return List.of(); // Audit and Trace records are not model API requests
        }
        JsonNode p = r.get("properties");
        ObjectNode props = p instanceof ObjectNode o
                ? o
                : Json.parseObject(p == null ? "" : p.asText()).orElse(Json.NODES.objectNode());
        ObjectNode e = Json.NODES.objectNode();
        Json.putText(e, "@timestamp", Json.time(r.get("time")));
        String operation = Json.text(r, "operationName").orElse("");
        Optional<String> deployment = Json.text(props, "modelDeploymentName");
        e.put("url.path", path(operation, deployment.orElse("unknown")));
        e.put("http.request.method", "POST");
        Json.putText(e, "client.address", Json.text(r, "callerIpAddress").map(AzureOpenAi::withoutPort));
        Json.putText(
                e,
                "client.id",
                Json.text(props, "objectId")
                        .or(() -> Json.text(r, "identity", "claim", "oid"))
                        .or(() -> Json.text(r, "identity"))
                        .or(() -> Json.text(r, "callerIpAddress").map(AzureOpenAi::withoutPort)));
        Json.putText(e, "model.name", Json.text(props, "modelName").or(() -> deployment));
        e.put("gen_ai.provider.name", "azure.ai.openai");
        Json.number(r, "resultSignature").ifPresent(n -> e.put("http.response.status_code", n));
        Json.number(r, "durationMs").ifPresent(n -> e.put("event.duration", n));
        Json.putText(e, "event.id", Json.text(r, "correlationId"));
        return List.of(e);
    }

    /** "ChatCompletions_Create" → /openai/deployments/D/chat/completions, and so on. */
    private static String path(String operation, String deployment) {
        String op = operation.toLowerCase(Locale.ROOT);
        String tail;
        if (op.startsWith("chatcompletions")) {
            tail = "/chat/completions";
        } else if (op.startsWith("embeddings")) {
            tail = "/embeddings";
        } else if (op.startsWith("completions")) {
            tail = "/completions";
        } else if (op.startsWith("imagegenerations")) {
            tail = "/images/generations";
        } else {
            return "/openai/" + op;
        }
        return "/openai/deployments/" + deployment + tail;
    }

    /** Azure writes the caller as "ip:port" at times, or masks the last octet. */
    private static String withoutPort(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
    }
}
