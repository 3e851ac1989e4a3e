// The dashboard's page enhancements; every page works without them, they only save reloads and clicks.
import { mountCopyButtons } from "./copy.js";
import { mountForms } from "./forms.js";
import { mountRefreshing } from "./refresh.js";
import { mountTestWebhook } from "./webhooks.js";

mountForms(document);
mountCopyButtons(document);
mountRefreshing(document);
mountTestWebhook(document);
