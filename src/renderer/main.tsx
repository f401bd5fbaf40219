import { createRoot } from 'react-dom/client';
import { createClient } from './api/client';
import { App } from './components/App';
import { setClient } from './store/client';
import './styles.css';

setClient(createClient());
createRoot(document.getElementById('root')!).render(<App />);
