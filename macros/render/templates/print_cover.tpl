<h1>{{ config.site_name }}</h1>
<p>{{ config.site_description }}</p>
<p><strong>Educational use only — not medical advice.</strong></p>
<p>Content licensed CC BY-SA 4.0; code licensed MIT.</p>
