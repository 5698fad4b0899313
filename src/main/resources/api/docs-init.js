// Starts Swagger UI on /docs; a file of its own, since the page's policy admits no inline script.
window.ui = SwaggerUIBundle({
  url: '/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  validatorUrl: null
});
